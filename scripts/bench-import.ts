/**
 * Import benchmark: generates a corpus of real MIME messages (scripts/bench-corpus.ts) as an mbox
 * file or a Maildir, imports it into one mailbox of a fresh PostgreSQL database with the same code
 * as `mailroom import` (worker parsers, bulk batches), and records time, rate and peak memory in
 * docs/benchmarks.md.
 *
 *   npm run bench:import -- [--messages 100000] [--format mbox|maildir] [--keep] [--corpus <kept corpus>]
 *
 * DATABASE_URL names a server to create the benchmark database on (default
 * postgres://postgres@127.0.0.1:5432/postgres); the database is dropped afterwards.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createDb } from "@/db/client";
import { migrate } from "@/db/migrate";
import { GIB } from "@/db/schema";
import { workerParser } from "@/lib/import/parser-pool";
import { runImport } from "@/lib/import/run-import";
import { insertAccount } from "@/lib/accounts/insert-account";
import { createOrganization } from "@/lib/setup/organizations";
import { writeMaildirCorpus, writeMboxCorpus } from "./bench-corpus";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};

/** CPU time of a local process in ms (utime + stime from /proc; clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Child phase: import into an existing database, then print the measurements as JSON. One
 * connection, so the PostgreSQL backend doing the work is known and its CPU time can be read.
 */
async function importPhase(url: string, input: string) {
  const handle = createDb({ url, max: 1 });
  const parser = workerParser();
  try {
    const [{ pid }] = (await handle.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as [{ pid: number }];
    const pg0 = processCpuMs(pid);
    const cpu0 = process.cpuUsage();
    const summary = await runImport(handle.db, { mailbox: "bench@bench.example", input, parser });
    const cpu = process.cpuUsage(cpu0);
    const usage = process.resourceUsage();
    console.log(
      JSON.stringify({
        imported: summary.imported,
        bytes: summary.importedBytes,
        failed: summary.failed.length,
        elapsedMs: summary.elapsedMs,
        maxRssKb: usage.maxRSS,
        nodeCpuMs: (cpu.user + cpu.system) / 1000,
        pgCpuMs: processCpuMs(pid) - pg0,
      }),
    );
  } finally {
    await parser.close();
    await handle.close();
  }
}

function machine() {
  const pg = spawnSync("psql", ["--version"], { encoding: "utf8" }).stdout?.trim() ?? "";
  return {
    cpu: `${os.availableParallelism()} × ${os.cpus()[0]?.model.trim() ?? "cpu"}`,
    memory: `${Math.round(os.totalmem() / GIB)} GiB`,
    node: process.version,
    postgres: pg.replace(/^psql \(PostgreSQL\) /, "PostgreSQL "),
  };
}

function record(row: string) {
  const file = path.join(root, "docs/benchmarks.md");
  const begin = "<!-- bench:import -->";
  const end = "<!-- /bench:import -->";
  const header =
    "| date | machine | format | messages | size | time | rate | throughput | peak RSS | CPU (Node + PostgreSQL) | " +
    "load |\n|---|---|---|---|---|---|---|---|---|---|---|";
  let text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const at = text.indexOf(begin);
  let rows: string[] = [];
  if (at >= 0) {
    const body = text.slice(at + begin.length, text.indexOf(end));
    rows = body.split("\n").filter((l) => l.startsWith("| 2"));
    text = text.slice(0, at) + text.slice(text.indexOf(end) + end.length);
  }
  rows.push(row);
  const section = [
    begin,
    "## Import (`npm run bench:import`)",
    "",
    "Generated real MIME messages (French and English text, 2–30 KB, some HTML, some attachments) imported",
    "into one mailbox of a fresh PostgreSQL database by the code behind `mailroom import` (parsing on worker",
    "threads, batches of 500 messages per transaction with multi-row inserts). Target: 100,000 messages",
    '(about 1.3 GB) in under 3 minutes on the 2-core development machine. One row per run; "load" is the',
    'mean 1-minute load average during the import (2.0 or more means other work shared both cores); "CPU"',
    "is the CPU time the import used: the Node process with its parser threads, and its PostgreSQL backend.",
    "On an otherwise idle machine the import takes at least (Node + PostgreSQL) / 2 cores.",
    "",
    header,
    ...rows,
    end,
  ].join("\n");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${text.trimEnd()}\n\n${section}\n`);
}

async function main() {
  if (arg("phase", "") === "import") return importPhase(arg("url", ""), arg("input", ""));
  const count = Number(arg("messages", "100000"));
  const format = arg("format", "mbox");
  const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-bench-"));
  // --corpus reuses a corpus kept by an earlier run (--keep) instead of generating one.
  const reuse = arg("corpus", "");
  const input = reuse || path.join(work, format === "mbox" ? "corpus.mbox" : "Maildir");
  const dbName = `mailroom_bench_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    let t = Date.now();
    if (reuse) console.log(`Using the corpus in ${input}`);
    else {
      console.log(`Generating ${count} messages as ${format} in ${work}…`);
      const size = format === "mbox" ? await writeMboxCorpus(input, count) : await writeMaildirCorpus(input, count);
      console.log(`  ${(size / 1e6).toFixed(0)} MB in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }

    await admin.unsafe(`create database ${dbName}`);
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    const handle = createDb({ url: url.toString(), max: 2 });
    await migrate(handle);
    const org = await createOrganization(handle.db, { name: "Bench", domains: ["bench.example"] });
    await insertAccount(handle.db, {
      orgId: org.id,
      address: "bench@bench.example",
      displayName: "Bench",
      kind: "standard",
      quotaBytes: 8 * GIB,
    });
    await handle.close();

    console.log("Importing…");
    t = Date.now();
    const loads: number[] = [];
    const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 10_000);
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "--conditions=react-server",
          "--import",
          "tsx",
          path.join(root, "scripts/bench-import.ts"),
          "--phase",
          "import",
          "--url",
          url.toString(),
          "--input",
          input,
        ],
        { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
      );
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve(out) : reject(new Error(`import phase failed (exit ${code})`)),
      );
    }).finally(() => clearInterval(sampler));
    const load = loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : os.loadavg()[0]!;
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    const seconds = result.elapsedMs / 1000;
    const m = machine();
    const line =
      `| ${new Date().toISOString().slice(0, 10)} | ${m.cpu}, ${m.memory}, Node ${m.node}, ${m.postgres} | ` +
      `${format} | ` +
      `${result.imported.toLocaleString("en")} | ${(result.bytes / 1e9).toFixed(2)} GB | ${seconds.toFixed(1)} s | ` +
      `${Math.round(result.imported / seconds)} msg/s | ${(result.bytes / 1e6 / seconds).toFixed(1)} MB/s | ` +
      `${Math.round(result.maxRssKb / 1024)} MiB | ${(result.nodeCpuMs / 1000).toFixed(0)} s + ` +
      `${(result.pgCpuMs / 1000).toFixed(0)} s | ${load.toFixed(1)} |`;
    console.log(
      `Imported ${result.imported} messages (${(result.bytes / 1e9).toFixed(2)} GB) in ${seconds.toFixed(1)} s: ` +
        `${Math.round(result.imported / seconds)} msg/s, peak RSS ${Math.round(result.maxRssKb / 1024)} MiB, ` +
        `CPU ${(result.nodeCpuMs / 1000).toFixed(0)} s Node + ${(result.pgCpuMs / 1000).toFixed(0)} s PostgreSQL, ` +
        `load average ${load.toFixed(1)} (wall ${((Date.now() - t) / 1000).toFixed(0)} s with start-up)`,
    );
    if (result.failed) console.log(`  ${result.failed} failed`);
    record(line);
    console.log("Recorded in docs/benchmarks.md");
  } finally {
    if (!args.includes("--keep")) {
      await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      fs.rmSync(work, { recursive: true, force: true });
    } else console.log(`Kept ${work} and database ${dbName}`);
    await admin.end();
  }
}

await main();
