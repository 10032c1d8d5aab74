#!/usr/bin/env node
// Runs Mailroom: `demo` (build if needed, seeded demo organisation), `start` (production, no demo
// data) or `dev`. Generates AUTH_SECRET on first run when none is set, so one command works.
import { spawn, spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { serverNodeOptions } from "./server-memory.mjs";

const mode = process.argv[2] ?? "start";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

if (!env.AUTH_SECRET) {
  const file = path.resolve(root, env.MAILROOM_SECRET_FILE || ".auth-secret");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log(`[mailroom] generated a session secret in ${path.relative(root, file)}`);
  }
  env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}
env.AUTH_TRUST_HOST ??= "true";
// Mailroom's own shutdown (lib/runtime/shutdown.ts) handles SIGTERM and SIGINT: requests in flight,
// mail listeners, then the database.
env.NEXT_MANUAL_SIG_HANDLE ??= "1";
if (mode === "demo" || mode === "dev") env.MAILROOM_DEMO ??= "1";
// The demo's submission port for mail clients: plain, on this machine only (README "Mail clients").
if (mode === "demo") {
  env.MAILROOM_SUBMISSION_PORT ??= "1587";
  env.MAILROOM_SUBMISSION_HOST ??= "127.0.0.1";
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const port = env.PORT || "3000";

if (mode !== "dev" && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("[mailroom] building (first run)…");
  const build = spawnSync(bin("next"), ["build"], { stdio: "inherit", env, cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The demo (and dev) listen on the loopback interface only, unless MAILROOM_HOST says otherwise.
const host = env.MAILROOM_HOST || (mode === "start" ? "" : "127.0.0.1");
const args = [mode === "dev" ? "dev" : "start", "-p", port, ...(host ? ["-H", host] : [])];
const serverEnv = {
  ...env,
  NODE_OPTIONS: serverNodeOptions(mode === "dev" ? { ...env, MAILROOM_HEAP_MB: "4096" } : env),
};
const workers = serverWorkers(mode, env);
if (workers > 1) serveWithWorkers(workers);
else {
  const child = spawn(bin("next"), args, { stdio: "inherit", env: serverEnv, cwd: root });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

/**
 * How many server processes `npm start` runs: MAILROOM_WORKERS (default 1). On PostgreSQL they
 * share the port through node:cluster, and each runs the whole server: pages, the SMTP, IMAP and
 * submission listeners (their ports shared the same way) and an outbound worker (the queue is taken
 * with SKIP LOCKED; IMAP IDLE listens per process). The embedded database (PGlite) serves one
 * process: the setting is ignored with a log line. `demo` and `dev` always run one.
 */
function serverWorkers(runMode, environment) {
  const raw = environment.MAILROOM_WORKERS;
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(`[mailroom] MAILROOM_WORKERS must be a whole number from 1 to 64, not "${raw}"`);
    process.exit(2);
  }
  if (n === 1) return 1;
  if (runMode !== "start") {
    console.log(`[mailroom] MAILROOM_WORKERS=${n} ignored: ${runMode} runs one process`);
    return 1;
  }
  if (!environment.DATABASE_URL) {
    console.log(`[mailroom] MAILROOM_WORKERS=${n} ignored: the embedded database (no DATABASE_URL) serves one process`);
    return 1;
  }
  return n;
}

/**
 * Runs `next start` in `n` cluster workers sharing the port (round robin). A worker that dies is
 * replaced (unless shutting down); SIGTERM or SIGINT is passed to every worker, each runs its own
 * shutdown (requests in flight, mail listeners, database), and this process exits when all have.
 */
function serveWithWorkers(n) {
  cluster.setupPrimary({ exec: path.join(root, "node_modules", "next", "dist", "bin", "next"), args, cwd: root });
  let stopping = false;
  const started = new Map();
  const fork = () => {
    const worker = cluster.fork({ ...serverEnv, MAILROOM_WORKER: "1" });
    started.set(worker.id, Date.now());
  };
  for (let i = 0; i < n; i++) fork();
  console.log(`[mailroom] serving with ${n} processes (MAILROOM_WORKERS)`);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    // One that could not even start (a port taken, a bad setting) would fail again: stop them all.
    if (Date.now() - (started.get(worker.id) ?? 0) < 15_000) {
      console.error(`[mailroom] server process ${worker.process.pid} failed at start (${signal ?? code}); stopping`);
      stopping = true;
      process.exitCode = 1;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    console.error(`[mailroom] server process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  }
}
