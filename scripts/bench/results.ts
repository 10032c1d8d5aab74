import fs from "node:fs";
import path from "node:path";
import type { LoadResult } from "./load";
import type { Machine } from "./machine";
import type { SeedResult } from "./seed-large";

/** One size's run, kept as JSON beside docs/benchmarks.md so that every size's table survives the next run. */
export type DbTime = { requests: number; meanMs: number; dbMs: number; roundTrips: number };

export type ScenarioResult = {
  key: string;
  title: string;
  available: boolean;
  reason?: string;
  runs: LoadResult[];
  db?: DbTime;
  /** Send: messages found stored in the sender's Sent Items after the runs, against requests made. */
  stored?: { requests: number; stored: number };
};

export type SizeResult = {
  size: string;
  driver: "postgres" | "pglite";
  date: string;
  machine: Machine;
  loadAverageAtStart: number[];
  totalMessages: number;
  sharedInbox: number;
  seed: SeedResult | null;
  peakRssBytes: number;
  dbTimeMethod: string;
  scenarios: ScenarioResult[];
};

export const RESULTS_DIR = path.join(process.cwd(), "docs", "benchmarks");

/** A seed measured alone (--seed-only): the 1 M seed time is checked before the 1 M run. */
export type SeedRecord = {
  size: string;
  driver: "postgres" | "pglite";
  date: string;
  loadAverageAtStart: number[];
  seed: SeedResult;
};

const SEEDS_FILE = () => path.join(RESULTS_DIR, "seeds.json");

export function saveSeed(record: SeedRecord): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const others = loadSeeds().filter((r) => r.size !== record.size || r.driver !== record.driver);
  fs.writeFileSync(SEEDS_FILE(), `${JSON.stringify([...others, record], null, 2)}\n`);
}

export function loadSeeds(): SeedRecord[] {
  return fs.existsSync(SEEDS_FILE()) ? (JSON.parse(fs.readFileSync(SEEDS_FILE(), "utf8")) as SeedRecord[]) : [];
}

export const resultFile = (size: string, driver: string) =>
  path.join(RESULTS_DIR, `${size}${driver === "pglite" ? "-pglite" : ""}.json`);

export function saveResult(result: SizeResult): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = resultFile(result.size, result.driver);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

const ORDER = ["10k", "100k", "1m"];

export function loadResults(): SizeResult[] {
  if (!fs.existsSync(RESULTS_DIR)) return [];
  return fs
    .readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith(".json") && f !== "seeds.json")
    .map((f) => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, f), "utf8")) as SizeResult)
    .sort((a, b) =>
      a.driver === b.driver ? ORDER.indexOf(a.size) - ORDER.indexOf(b.size) : a.driver === "postgres" ? -1 : 1,
    );
}
