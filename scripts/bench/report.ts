import fs from "node:fs";
import path from "node:path";
import type { LoadResult } from "./load";
import type { ScenarioResult, SeedRecord, SizeResult } from "./results";

/**
 * docs/benchmarks.md, written from every size's saved result: the machine, the targets with
 * met/missed, one table per size. The hand-written analysis between the notes markers is kept.
 */
export const REPORT_FILE = path.join(process.cwd(), "docs", "benchmarks.md");
const NOTES_START = "<!-- notes: kept when the benchmark rewrites this file -->";
const NOTES_END = "<!-- /notes -->";
const IMPORT_START = "<!-- bench:import -->";
const IMPORT_END = "<!-- /bench:import -->";
const SMTP_START = "<!-- bench:smtp -->";
const SMTP_END = "<!-- /bench:smtp -->";

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "–" : v < 10 ? v.toFixed(1) : v.toFixed(0));
const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;
const label = (r: SizeResult) =>
  `${r.size === "1m" ? "1 M" : r.size.replace("k", " k")} messages ` +
  `(${r.driver === "pglite" ? "PGlite" : "PostgreSQL"})`;

const run = (s: ScenarioResult | undefined, c: number): LoadResult | undefined =>
  s?.runs.find((r) => r.connections === c);
const scenario = (r: SizeResult | undefined, key: string) => r?.scenarios.find((s) => s.key === key && s.available);

type Target = { measure: string; target: string; measured: string; met: boolean | null };

function check(
  value: number | undefined,
  ok: (v: number) => boolean,
  text: (v: number) => string,
): [string, boolean | null] {
  return value === undefined || Number.isNaN(value) ? ["not measured", null] : [text(value), ok(value)];
}

export function targets(results: SizeResult[]): { basis: string; rows: Target[] } {
  const pg = results.filter((r) => r.driver === "postgres");
  const largest = pg.at(-1);
  const smallest = pg.find((r) => r.size === "10k");
  const rows: Target[] = [];
  const add = (measure: string, target: string, [measured, met]: [string, boolean | null]) =>
    rows.push({ measure, target, measured, met });
  const f1 = run(scenario(largest, "folder"), 1);
  const f10 = run(scenario(largest, "folder"), 10);
  add(
    "folder page, concurrency 1",
    "p50 ≤ 20 ms, p95 ≤ 40 ms",
    f1 ? [`p50 ${ms(f1.p50)} ms, p95 ${ms(f1.p95)} ms`, f1.p50 <= 20 && f1.p95 <= 40] : ["not measured", null],
  );
  add(
    "folder page, concurrency 10",
    "≥ 150 req/s, p95 ≤ 100 ms, 0 errors",
    f10
      ? [
          `${f10.rps.toFixed(0)} req/s, p95 ${ms(f10.p95)} ms, ${f10.errors + f10.badStatus} errors`,
          f10.rps >= 150 && f10.p95 <= 100 && f10.errors + f10.badStatus === 0,
        ]
      : ["not measured", null],
  );
  const d1 = run(scenario(largest, "deep"), 1);
  add(
    "deep page vs first page (c1)",
    "p50 ratio ≤ 1.5",
    check(
      d1 && f1 ? d1.p50 / f1.p50 : undefined,
      (v) => v <= 1.5,
      (v) => v.toFixed(2),
    ),
  );
  for (const [key, name] of [
    ["folder", "folder page"],
    ["open", "open message"],
  ] as const) {
    const small = run(scenario(smallest, key), 1);
    const big = run(scenario(largest, key), 1);
    add(
      `growth 10 k → ${
        largest && largest !== smallest ? largest.size.replace("k", " k").replace("1m", "1 M") : "a " + "larger size"
      }: ${name} (c1)`,
      "p50 ratio ≤ 1.3",
      check(
        small && big && largest !== smallest ? big.p50 / small.p50 : undefined,
        (v) => v <= 1.3,
        (v) => v.toFixed(2),
      ),
    );
  }
  add(
    "open a message (c1)",
    "p95 ≤ 50 ms",
    check(
      run(scenario(largest, "open"), 1)?.p95,
      (v) => v <= 50,
      (v) => `p95 ${ms(v)} ms`,
    ),
  );
  add(
    "search one mailbox (c1)",
    "p95 ≤ 150 ms",
    check(
      run(scenario(largest, "search"), 1)?.p95,
      (v) => v <= 150,
      (v) => `p95 ${ms(v)} ms`,
    ),
  );
  add(
    "search all my mailboxes (c1)",
    "p95 ≤ 300 ms",
    check(
      run(scenario(largest, "searchAll"), 1)?.p95,
      (v) => v <= 300,
      (v) => `p95 ${ms(v)} ms`,
    ),
  );
  const send = scenario(largest, "send");
  const s10 = run(send, 10);
  add(
    "send to one local recipient, c10",
    "≥ 100 messages/s",
    s10
      ? [
          `${s10.rps.toFixed(0)} req/s, ${
            send?.stored ? `${send.stored.stored}/${send.stored.requests} ` + `stored` : "stored not checked"
          }`,
          s10.rps >= 100 && (!send?.stored || send.stored.stored >= send.stored.requests),
        ]
      : ["not measured", null],
  );
  add(
    "server peak RSS over the run",
    "≤ 400 MB",
    check(largest?.peakRssBytes, (v) => v <= 400 * 1024 ** 2, mb),
  );
  return { basis: largest ? label(largest) : "no PostgreSQL run yet", rows };
}

function sizeTable(r: SizeResult): string {
  const lines = [
    `### ${label(r)}`,
    "",
    `${r.date.slice(0, 16).replace("T", " ")} UTC · ${r.sharedInbox.toLocaleString("en")} messages in the shared ` +
      `Inbox, ${r.totalMessages.toLocaleString("en")} in all · load average at start ` +
      `${r.loadAverageAtStart.map((v) => v.toFixed(1)).join(" / ")} · server peak RSS ${mb(r.peakRssBytes)}` +
      (r.seed
        ? ` · seeded in ${r.seed.seconds.toFixed(0)} s (${(r.seed.contentBytes / 1024 ** 3).toFixed(2)} GiB of ` +
          `MIME${r.seed.databaseBytes ? `, database ${(r.seed.databaseBytes / 1024 ** 3).toFixed(2)} GiB` : ""})`
        : ""),
    "",
    "| scenario | conc. | req/s | p50 ms | p95 ms | p99 ms | errors | DB ms/req | queries/req |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const s of r.scenarios.filter((s) => s.available)) {
    for (const x of s.runs) {
      const db = x.connections === 1 && s.db ? [ms(s.db.dbMs), s.db.roundTrips.toFixed(1)] : ["", ""];
      lines.push(
        `| ${s.title} | ${x.connections} | ${x.rps.toFixed(0)} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.p99)} | ` +
          `${x.errors + x.badStatus} | ${db.join(" | ")} |`,
      );
    }
  }
  const missing = r.scenarios.filter((s) => !s.available);
  if (missing.length)
    lines.push("", "Not measured on this build: " + missing.map((s) => `${s.title} (${s.reason})`).join("; ") + ".");
  if (r.seed)
    lines.push(
      "",
      "Seed phases: " +
        Object.entries(r.seed.phases)
          .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
          .join(", ") +
        ".",
    );
  return lines.join("\n");
}

/** The latest seed of each size: measured alone (--seed-only) or as part of a run. */
function latestSeeds(results: SizeResult[], seeds: SeedRecord[]): SeedRecord[] {
  const fromRuns = results.flatMap((r) =>
    r.seed
      ? [
          {
            size: r.size,
            driver: r.driver,
            date: r.seed.date ?? r.date,
            loadAverageAtStart: r.seed.loadAverage ?? r.loadAverageAtStart,
            seed: r.seed,
          },
        ]
      : [],
  );
  const latest = new Map<string, SeedRecord>();
  for (const record of [...seeds, ...fromRuns]) {
    const key = `${record.size}/${record.driver}`;
    if ((latest.get(key)?.date ?? "") < record.date) latest.set(key, record);
  }
  return [...latest.values()];
}

function seedTable(seeds: SeedRecord[]): string[] {
  if (!seeds.length) return [];
  const order = ["10k", "100k", "1m"];
  const rows = [...seeds].sort((a, b) =>
    a.driver === b.driver ? order.indexOf(a.size) - order.indexOf(b.size) : a.driver === "postgres" ? -1 : 1,
  );
  return [
    "## Seeding (target: 1 M messages in under 10 minutes)",
    "",
    "| size | database | seconds | MIME | database size | load average at start | date |",
    "|---|---|---:|---:|---:|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.size} | ${r.driver === "pglite" ? "PGlite" : "PostgreSQL"} | ${r.seed.seconds.toFixed(0)} | ` +
        `${(r.seed.contentBytes / 1024 ** 3).toFixed(2)} GiB | ` +
        `${r.seed.databaseBytes ? `${(r.seed.databaseBytes / 1024 ** 3).toFixed(2)} GiB` : "–"} | ` +
        `${r.loadAverageAtStart.map((v) => v.toFixed(1)).join(" / ")} | ${r.date.slice(0, 16).replace("T", " ")} ` +
        `|`,
    ),
    "",
  ];
}

export function renderReport(results: SizeResult[], seeds: SeedRecord[], previous: string | null): string {
  const t = targets(results);
  const latest =
    [...results].sort((a, b) => (a.date < b.date ? 1 : -1)).find((r) => r.driver === "postgres") ?? results[0];
  const m = latest?.machine;
  const notesStart = previous?.indexOf(NOTES_START) ?? -1;
  const notes =
    previous && notesStart >= 0
      ? previous.slice(notesStart, previous.indexOf(NOTES_END) + NOTES_END.length)
      : `${NOTES_START}\n${NOTES_END}`;
  // The import benchmark's section (scripts/bench-import.ts) is kept as it is.
  const importStart = previous?.indexOf(IMPORT_START) ?? -1;
  const importSection =
    previous && importStart >= 0 ? previous.slice(importStart, previous.indexOf(IMPORT_END) + IMPORT_END.length) : null;
  // So is the SMTP receiver's (scripts/bench/smtp.ts).
  const smtpStart = previous?.indexOf(SMTP_START) ?? -1;
  const smtpSection =
    previous && smtpStart >= 0 ? previous.slice(smtpStart, previous.indexOf(SMTP_END) + SMTP_END.length) : null;
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (scripts/bench/): a large organisation is bulk-seeded, the production server",
    "(`next start`) is driven by autocannon as a signed-in delegate at concurrency 1 and 10, and each size's",
    "results are kept in `docs/benchmarks/<size>.json`. Server and load generator share the machine.",
    "",
    "```sh",
    "npm run bench                          # 10 k, 100 k and 1 M on PostgreSQL (about 25 minutes)",
    "npm run bench -- --sizes 10k,100k      # some sizes; --skip-seed reuses the seeded databases",
    "npm run bench -- --sizes 10k --pglite  # the embedded database",
    "npm run bench -- --sizes 1m --seed-only   # only seed (and time it); --report-only rewrites this file",
    "npm run bench -- --sizes 1m --skip-seed --only folder,send   # some scenarios, printed only",
    "npx tsx --conditions=react-server scripts/bench/paths.ts --size 1m '/mail/…/inbox'   # any pages: latency and " +
      "server CPU per request",
    "npx tsx --conditions=react-server scripts/bench/profile.ts --size 1m --path '/mail/…/inbox'   # CPU profile (or " +
      "--scenario send)",
    "```",
    "",
    "PostgreSQL: `DATABASE_URL` (one size), or else a database `mailroom_bench_<size>` per size created on",
    "`BENCH_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`). The server listens on",
    "`--port` (3800) and the timing proxy on the next port. A missing production build is made first; after",
    "changing the app, run `npx next build` again.",
    "",
    m ? `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB of memory, Node.js ${m.node}, ${m.database}.` : "",
    "",
    "**DB ms/req** is the time the server waited on PostgreSQL per request, measured on the wire by a",
    "pass-through proxy (scripts/bench/db-time.ts) in a separate sequential pass, so that the proxy's hop",
    "is not in the latency figures; **queries/req** counts the round trips. p50 minus DB ms is the time",
    "spent above the database (rendering, auth, HTTP).",
    "",
    `## Targets — on ${t.basis}`,
    "",
    "| measure | target | measured | |",
    "|---|---|---|---|",
    ...t.rows.map(
      (r) => `| ${r.measure} | ${r.target} | ${r.measured} | ${r.met === null ? "–" : r.met ? "met" : "**missed**"} |`,
    ),
    "",
    ...seedTable(latestSeeds(results, seeds)),
    "## Results",
    "",
    ...results.map((r) => `${sizeTable(r)}\n`),
    "## Notes",
    "",
    notes,
    "",
    ...(importSection ? [importSection, ""] : []),
    ...(smtpSection ? [smtpSection, ""] : []),
  ].join("\n");
}

export function writeReport(results: SizeResult[], seeds: SeedRecord[]): string {
  const previous = fs.existsSync(REPORT_FILE) ? fs.readFileSync(REPORT_FILE, "utf8") : null;
  const text = renderReport(results, seeds, previous);
  fs.writeFileSync(REPORT_FILE, text);
  return text;
}
