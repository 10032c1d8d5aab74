import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { postgresBulk, pgliteBulk, type Bulk } from "./bulk";
import { databaseUrl, DEFAULT_SERVER_URL, prepareDatabase, serverVersion } from "./database";
import { drive } from "./drive";
import { readFixtures, type Fixtures } from "./fixtures";
import { describeMachine } from "./machine";
import { SIZES, type Size } from "./plan";
import { writeReport } from "./report";
import { loadResults, loadSeeds, saveResult, saveSeed, type SizeResult } from "./results";
import { seedLarge, type SeedResult } from "./seed-large";
import { ensureBuild } from "./server";

/**
 * npm run bench [-- --sizes 10k,100k,1m] [--pglite] [--skip-seed] [--seed-only] [--report-only]
 *                  [--duration 10] [--warmup 3] [--port 3800] [--only folder,send]
 *
 * --only: drive these scenarios alone (keys in scenarios.ts) and print them, without the DB-time
 * pass and without touching docs/benchmarks: a quick check while working on one page.
 *
 * PostgreSQL: DATABASE_URL (one size), or a database `mailroom_bench_<size>` per size created on
 * BENCH_POSTGRES_URL's server (default postgres://postgres@127.0.0.1:5432/postgres).
 * --pglite: the embedded database instead, in bench-data/pglite-<size>.
 */
const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10k,100k,1m" },
    pglite: { type: "boolean", default: false },
    "skip-seed": { type: "boolean", default: false },
    "seed-only": { type: "boolean", default: false },
    "report-only": { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    port: { type: "string", default: process.env.BENCH_PORT ?? "3800" },
    only: { type: "string" },
  },
});

const log = (line: string) => console.log(line);
const workDir = path.join(process.cwd(), "bench-data");

function sizesOf(list: string): Size[] {
  return list.split(",").map((s) => {
    const size = SIZES[s.trim().toLowerCase()];
    if (!size) throw new Error(`unknown size ${s}: use ${Object.keys(SIZES).join(", ")}`);
    return size;
  });
}

type Target = { bulk: () => Promise<Bulk>; env: Record<string, string>; url: string | null; database: string };

async function targetFor(size: Size, fresh: boolean): Promise<Target> {
  if (values.pglite) {
    const dir = path.join(workDir, `pglite-${size.label}`);
    if (fresh) fs.rmSync(dir, { recursive: true, force: true });
    return {
      bulk: () => pgliteBulk(dir),
      env: { DATABASE_URL: "", MAILROOM_DATA_DIR: dir },
      url: null,
      database: "PGlite",
    };
  }
  let url = process.env.DATABASE_URL;
  if (!url) {
    const server = process.env.BENCH_POSTGRES_URL || DEFAULT_SERVER_URL;
    const name = `mailroom_bench_${size.label}`;
    await prepareDatabase(server, name, fresh);
    url = databaseUrl(server, name);
  }
  const dbUrl = url;
  return {
    bulk: async () => postgresBulk(dbUrl),
    env: { DATABASE_URL: dbUrl },
    url: dbUrl,
    database: await serverVersion(dbUrl),
  };
}

async function withBulk<T>(target: Target, work: (bulk: Bulk) => Promise<T>): Promise<T> {
  const bulk = await target.bulk();
  try {
    return await work(bulk);
  } finally {
    await bulk.close();
  }
}

async function countSent(url: string, fx: Fixtures): Promise<number> {
  const postgres = (await import("postgres")).default;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select count(*)::int as n from messages where folder_id = ${fx.delegateSentFolderId}`;
    return Number(row!.n);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main() {
  if (values["report-only"]) {
    writeReport(loadResults(), loadSeeds());
    return log("docs/benchmarks.md rewritten from docs/benchmarks/*.json");
  }
  const sizes = sizesOf(values.sizes!);
  if (process.env.DATABASE_URL && sizes.length > 1 && !values.pglite)
    throw new Error(
      "DATABASE_URL names one database: give one size (--sizes 100k), or unset it to let the benchmark " +
        "create one per " +
        "size",
    );
  if (!values["seed-only"]) ensureBuild();
  fs.mkdirSync(workDir, { recursive: true });
  const port = Number(values.port);
  for (const size of sizes) {
    const loadAverageAtStart = os.loadavg();
    const target = await targetFor(size, !values["skip-seed"]);
    log(`\n== ${size.label} on ${target.database} ==`);
    let seed: SeedResult | null = null;
    if (!values["skip-seed"]) {
      seed = await withBulk(target, (bulk) => seedLarge(bulk, size, log));
      const driver = values.pglite ? "pglite" : "postgres";
      saveSeed({ size: size.label, driver, date: new Date().toISOString(), loadAverageAtStart, seed });
    } else
      seed =
        loadResults().find((r) => r.size === size.label && r.driver === (values.pglite ? "pglite" : "postgres"))
          ?.seed ?? null;
    const fixtures = await withBulk(target, async (bulk) => {
      const [session] = await bulk.sessions();
      try {
        return await readFixtures(session!);
      } finally {
        await session!.release();
      }
    });
    if (values["seed-only"]) continue;
    const logDir = path.join(workDir, `logs-${size.label}${values.pglite ? "-pglite" : ""}`);
    fs.mkdirSync(logDir, { recursive: true });
    const driven = await drive({
      port,
      seconds: Number(values.duration),
      warmupSeconds: Number(values.warmup),
      env: target.env,
      databaseUrl: target.url,
      fixtures,
      logDir,
      countSent: target.url ? () => countSent(target.url!, fixtures) : null,
      log,
      only: values.only?.split(",").map((k) => k.trim()),
    });
    if (values.only) continue;
    const result: SizeResult = {
      size: size.label,
      driver: values.pglite ? "pglite" : "postgres",
      date: new Date().toISOString(),
      machine: describeMachine(target.database),
      loadAverageAtStart,
      totalMessages: fixtures.totalMessages,
      sharedInbox: fixtures.inboxCount,
      seed,
      peakRssBytes: driven.peakRssBytes,
      dbTimeMethod: target.url ? "wire proxy, sequential pass" : "not measured (PGlite runs inside the server)",
      scenarios: driven.scenarios,
    };
    log(`  results: ${path.relative(process.cwd(), saveResult(result))}`);
  }
  if (values.only) return;
  const text = writeReport(loadResults(), loadSeeds());
  if (!values["seed-only"]) log(`\n${text}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
