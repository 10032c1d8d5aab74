import cliProgress from "cli-progress";
import type { ImportProgress } from "@/lib/import/run-import";
import { bytes, duration } from "./format";

export type ProgressView = { update(p: ImportProgress): void; stop(): void };

const PLAIN_EVERY_MS = 5000;

function rateAndEta(p: ImportProgress, started: number) {
  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
  const handled = p.imported + p.duplicates + p.failed;
  const rate = handled / seconds;
  const fraction = p.total > 0 ? Math.min(p.done / p.total, 1) : 0;
  const eta = fraction > 0 ? ((1 - fraction) * seconds) / fraction : NaN;
  return { rate, fraction, eta };
}

const amount = (p: ImportProgress) =>
  p.unit === "bytes" ? `${bytes(p.done)} of ${bytes(p.total)}` : `${p.done} of ${p.total}`;

/**
 * Import progress on standard error: a bar with rate and ETA on a terminal, a plain line every
 * few seconds otherwise (logs, CI), nothing with --quiet.
 */
export function importProgressView(options: { quiet?: boolean } = {}): ProgressView {
  const started = Date.now();
  if (options.quiet) return { update: () => {}, stop: () => {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format:
          "{bar} {percentage}% | {amount} | {imported} imported, {duplicates} skipped, {failed} failed | {rate} " +
          "msg/s | ETA {eta_formatted}",
        hideCursor: true,
        etaBuffer: 200,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    let begun = false;
    return {
      update(p) {
        const payload = {
          amount: amount(p),
          imported: p.imported,
          duplicates: p.duplicates,
          failed: p.failed,
          rate: Math.round(rateAndEta(p, started).rate),
        };
        if (!begun) {
          bar.start(Math.max(p.total, 1), p.done, payload);
          begun = true;
        } else bar.update(p.done, payload);
      },
      stop: () => begun && bar.stop(),
    };
  }
  let last = 0;
  return {
    update(p) {
      if (Date.now() - last < PLAIN_EVERY_MS) return;
      last = Date.now();
      const { rate, fraction, eta } = rateAndEta(p, started);
      process.stderr.write(
        `progress: ${Math.floor(fraction * 100)}% (${amount(p)}), ${p.imported} imported, ${p.duplicates} ` +
          `skipped, ${p.failed} failed, ` +
          `${Math.round(rate)} msg/s${Number.isFinite(eta) ? `, ETA ${duration(eta * 1000)}` : ""}\n`,
      );
    },
    stop: () => {},
  };
}
