import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl, DEFAULT_SERVER_URL } from "./database";
import { postgresBulk } from "./bulk";
import { readFixtures } from "./fixtures";
import type { HttpRequest } from "./load";
import { BENCH_PASSWORD, DELEGATE } from "./plan";
import { SCENARIOS } from "./scenarios";
import { startServer } from "./server";
import { signIn } from "./session";

/**
 * A CPU profile of the production server serving one page sequentially:
 *   npx tsx scripts/bench/profile.ts --size 100k --path "/mail/…/inbox" [--requests 300] [--save page.html]
 *   npx tsx scripts/bench/profile.ts --size 100k --scenario send   (a scenario's request, scenarios.ts)
 * Writes the V8 profile (open it in Chrome's DevTools) to bench-data/profiles/ and prints the
 * functions with the most self time, grouped by package.
 */
const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100k" },
    path: { type: "string" },
    scenario: { type: "string" },
    requests: { type: "string", default: "300" },
    port: { type: "string", default: "3850" },
    save: { type: "string" },
  },
});

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number };

export function summarise(file: string, top = 25): string[] {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as { nodes: Node[] };
  const total = profile.nodes.reduce((n, x) => n + x.hitCount, 0);
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const n of profile.nodes) {
    const url = n.callFrame.url;
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.includes(".next/") ? "app (.next)" : url ? "node" : n.callFrame.functionName || "(native)");
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n.hitCount);
    const key =
      `${n.callFrame.functionName || "(anonymous)"} ` +
      `${url.replace(/.*node_modules\//, "").replace(/.*\.next\//, ".next/")}:${n.callFrame.lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + n.hitCount);
  }
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)} %`;
  return [
    "-- by package --",
    ...[...byPkg]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, v]) => `${pct(v)}  ${k}`),
    "-- by function (self) --",
    ...[...byFn]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${pct(v)}  ${k}`),
  ];
}

/** A scenario's request, prepared as the benchmark does (the delegate's cookie). */
async function scenarioRequest(key: string, url: string, baseUrl: string, cookie: string): Promise<HttpRequest> {
  const scenario = SCENARIOS.find((s) => s.key === key);
  if (!scenario) throw new Error(`unknown scenario ${key}: use ${SCENARIOS.map((s) => s.key).join(", ")}`);
  const bulk = postgresBulk(url);
  const [session] = await bulk.sessions();
  const fx = await readFixtures(session!).finally(() => session!.release());
  await bulk.close();
  const prepared = await scenario.prepare({
    fx,
    baseUrl,
    cookie: () => cookie,
    async get(p) {
      const res = await fetch(`${baseUrl}${p}`, { headers: { cookie }, redirect: "manual" });
      return { status: res.status, body: await res.text() };
    },
  });
  if (typeof prepared === "string") throw new Error(prepared);
  return prepared;
}

async function main() {
  const dir = path.join(process.cwd(), "bench-data", "profiles");
  fs.mkdirSync(dir, { recursive: true });
  const before = new Set(fs.readdirSync(dir));
  const url =
    process.env.DATABASE_URL ||
    databaseUrl(process.env.BENCH_POSTGRES_URL || DEFAULT_SERVER_URL, `mailroom_bench_${values.size}`);
  const server = await startServer({
    port: Number(values.port),
    env: { DATABASE_URL: url },
    logFile: path.join(dir, "server.log"),
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
  });
  try {
    const cookie = await signIn(server.baseUrl, DELEGATE.address, BENCH_PASSWORD);
    const request = values.scenario
      ? await scenarioRequest(values.scenario, url, server.baseUrl, cookie)
      : { method: "GET" as const, path: values.path! };
    const get = async () => {
      const res = await fetch(`${server.baseUrl}${request.path}`, {
        method: request.method,
        headers: { ...request.headers, cookie, "accept-encoding": "identity" },
        body: request.body ? new Uint8Array(request.body) : undefined,
        redirect: "manual",
      });
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, bytes: body.byteLength, body };
    };
    const first = await get();
    if (values.save) fs.writeFileSync(values.save, first.body);
    console.log(`${request.method} ${request.path}: ${first.status}, ${first.bytes} bytes`);
    for (let i = 0; i < 20; i++) await get();
    const start = performance.now();
    const n = Number(values.requests);
    for (let i = 0; i < n; i++) await get();
    console.log(`${n} requests, mean ${((performance.now() - start) / n).toFixed(1)} ms`);
  } finally {
    await server.stop();
  }
  await new Promise((r) => setTimeout(r, 1000));
  const written = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile") && !before.has(f));
  for (const f of written) {
    console.log(`\n${path.join(dir, f)}`);
    console.log(summarise(path.join(dir, f)).join("\n"));
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
