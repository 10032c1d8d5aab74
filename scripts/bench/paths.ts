import path from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl, DEFAULT_SERVER_URL } from "./database";
import { measure } from "./load";
import { BENCH_PASSWORD, DELEGATE } from "./plan";
import { startServer } from "./server";
import { signIn } from "./session";

/**
 * Any pages, as the delegate, at concurrency 1 and 10 — a quick comparison while working on one:
 *   npx tsx --conditions=react-server scripts/bench/paths.ts --size 1m /mail/…/inbox /admin
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: "string", default: "1m" },
    duration: { type: "string", default: "8" },
    warmup: { type: "string", default: "2" },
    port: { type: "string", default: "3860" },
    connections: { type: "string", default: "1,10" },
  },
});

async function main() {
  const url =
    process.env.DATABASE_URL ||
    databaseUrl(process.env.BENCH_POSTGRES_URL || DEFAULT_SERVER_URL, `mailroom_bench_${values.size}`);
  const server = await startServer({
    port: Number(values.port),
    env: { DATABASE_URL: url },
    logFile: path.join(process.cwd(), "bench-data", "paths-server.log"),
  });
  try {
    const cookie = await signIn(server.baseUrl, DELEGATE.address, BENCH_PASSWORD);
    for (const p of positionals) {
      for (const connections of values.connections!.split(",").map(Number)) {
        const before = server.cpuMs();
        const r = await measure(
          server.baseUrl,
          { method: "GET", path: p, headers: { cookie } },
          { connections, seconds: Number(values.duration), warmupSeconds: Number(values.warmup) },
        );
        const cpu = (server.cpuMs() - before) / (r.requests + (r.warmupRequests ?? 0));
        console.log(
          `${p} c${connections}: ${r.rps.toFixed(0)} req/s, server CPU ${cpu.toFixed(1)} ms/req, p50 ` +
            `${r.p50.toFixed(1)} / p95 ${r.p95.toFixed(1)} ms, bad ${r.badStatus + r.errors} ` +
            `${JSON.stringify(r.statuses)}`,
        );
      }
    }
    console.log(`peak RSS ${Math.round(server.peakRss() / 1024 ** 2)} MB`);
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
