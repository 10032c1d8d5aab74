import path from "node:path";
import { closeBrowser } from "./client-nav";
import { startDbTimer } from "./db-time";
import type { Fixtures } from "./fixtures";
import { measure, type HttpRequest } from "./load";
import { ADMIN, BENCH_PASSWORD, DELEGATE } from "./plan";
import type { DbTime, ScenarioResult } from "./results";
import { SCENARIOS, type Context, type Role } from "./scenarios";
import { startServer, type RunningServer } from "./server";
import { signIn } from "./session";

/**
 * Runs every scenario against a production server: each at concurrency 1 and 10 after a
 * warm-up; then, on PostgreSQL, a sequential pass through the timing proxy for the DB time.
 */
export type DriveOptions = {
  port: number;
  seconds: number;
  warmupSeconds: number;
  /** Server environment: DATABASE_URL or MAILROOM_DATA_DIR. */
  env: Record<string, string>;
  /** PostgreSQL URL for the DB-time pass (none on PGlite). */
  databaseUrl: string | null;
  fixtures: Fixtures;
  logDir: string;
  /** Counts the messages in the delegate's Sent Items (PostgreSQL only), to check sends were stored. */
  countSent: (() => Promise<number>) | null;
  log: (line: string) => void;
  /** These scenario keys alone, without the DB-time pass. */
  only?: string[];
};

async function contextFor(server: RunningServer, fx: Fixtures): Promise<Context> {
  const cookies: Record<Role, string> = {
    delegate: await signIn(server.baseUrl, DELEGATE.address, BENCH_PASSWORD),
    admin: await signIn(server.baseUrl, ADMIN.address, BENCH_PASSWORD),
  };
  return {
    fx,
    baseUrl: server.baseUrl,
    cookie: (role) => cookies[role],
    async get(urlPath, role) {
      const res = await fetch(`${server.baseUrl}${urlPath}`, {
        headers: { cookie: cookies[role] },
        redirect: "manual",
      });
      return { status: res.status, body: await res.text() };
    },
  };
}

const withCookie = (request: HttpRequest, cookie: string): HttpRequest => ({
  ...request,
  headers: { ...request.headers, cookie },
});

/** Sequential requests through the timing proxy: DB time and round trips per request. */
async function dbPass(
  baseUrl: string,
  request: HttpRequest,
  timer: { snapshot(): { busyMs: number; roundTrips: number } },
): Promise<DbTime> {
  const send = async () => {
    const res = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      // As autocannon: no compressed answers (fetch would ask for gzip by default).
      headers: { "accept-encoding": "identity", ...request.headers },
      body: request.body ? new Uint8Array(request.body) : undefined,
      redirect: "manual",
    });
    await res.arrayBuffer();
  };
  for (let i = 0; i < 5; i++) await send();
  const before = timer.snapshot();
  const start = performance.now();
  let requests = 0;
  while (requests < 200 && performance.now() - start < 5000) {
    await send();
    requests++;
  }
  const elapsed = performance.now() - start;
  const after = timer.snapshot();
  return {
    requests,
    meanMs: elapsed / requests,
    dbMs: (after.busyMs - before.busyMs) / requests,
    roundTrips: (after.roundTrips - before.roundTrips) / requests,
  };
}

export async function drive(options: DriveOptions): Promise<{ scenarios: ScenarioResult[]; peakRssBytes: number }> {
  const { log } = options;
  const server = await startServer({
    port: options.port,
    env: options.env,
    logFile: path.join(options.logDir, "server.log"),
  });
  const results: ScenarioResult[] = [];
  const requests = new Map<string, HttpRequest>();
  let peakRssBytes = 0;
  const only = options.only;
  try {
    const ctx = await contextFor(server, options.fixtures);
    if (only?.some((k) => !SCENARIOS.some((s) => s.key === k)))
      throw new Error(`unknown scenario in --only: use ${SCENARIOS.map((s) => s.key).join(", ")}`);
    for (const s of SCENARIOS.filter((x) => !only || only.includes(x.key))) {
      const prepared = await s.prepare(ctx);
      if (typeof prepared === "string") {
        log(`  ${s.title}: not available — ${prepared}`);
        results.push({ key: s.key, title: s.title, available: false, reason: prepared, runs: [] });
        continue;
      }
      const request = withCookie(prepared, ctx.cookie(s.role));
      requests.set(s.key, request);
      const result: ScenarioResult = { key: s.key, title: s.title, available: true, runs: [] };
      const sentBefore = s.key === "send" && options.countSent ? await options.countSent() : null;
      for (const connections of [1, 10]) {
        const run = await measure(server.baseUrl, request, {
          connections,
          seconds: options.seconds,
          warmupSeconds: options.warmupSeconds,
        });
        result.runs.push(run);
        log(
          `  ${s.title}, c${connections}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50.toFixed(1)} / p95 ` +
            `${run.p95.toFixed(1)} / p99 ${run.p99.toFixed(1)} ms, errors ${run.errors + run.badStatus}` +
            (run.badStatus ? ` (statuses ${JSON.stringify(run.statuses)})` : ""),
        );
      }
      if (sentBefore !== null && options.countSent) {
        // Warm-ups send too: compare with every request made, warm-ups included.
        const made = result.runs.reduce((n, r) => n + r.requests + (r.warmupRequests ?? 0), 0);
        result.stored = { requests: made, stored: (await options.countSent()) - sentBefore };
      }
      results.push(result);
    }
  } finally {
    await closeBrowser();
    peakRssBytes = server.peakRss();
    await server.stop();
  }
  log(`  server peak RSS: ${Math.round(peakRssBytes / 1024 ** 2)} MB`);

  if (options.databaseUrl && requests.size && !only) {
    const timer = await startDbTimer(options.databaseUrl, options.port + 1);
    const timed = await startServer({
      port: options.port,
      env: { ...options.env, DATABASE_URL: timer.url },
      logFile: path.join(options.logDir, "server-db-time.log"),
    });
    try {
      const ctx = await contextFor(timed, options.fixtures);
      for (const r of results.filter((x) => x.available)) {
        const role = SCENARIOS.find((s) => s.key === r.key)!.role;
        r.db = await dbPass(timed.baseUrl, withCookie(requests.get(r.key)!, ctx.cookie(role)), timer);
        log(
          `  ${r.title}: DB ${r.db.dbMs.toFixed(2)} ms/req, ${r.db.roundTrips.toFixed(1)} queries/req (mean ` +
            `${r.db.meanMs.toFixed(1)} ms via proxy)`,
        );
      }
    } finally {
      peakRssBytes = Math.max(peakRssBytes, timed.peakRss());
      await timed.stop();
      await timer.close();
    }
  }
  return { scenarios: results, peakRssBytes };
}
