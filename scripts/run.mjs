#!/usr/bin/env node
// Runs Mailroom: `demo` (build if needed, seeded demo organisation), `start` (production, no demo
// data) or `dev`. Generates AUTH_SECRET on first run when none is set, so one command works.
import { spawn, spawnSync } from "node:child_process";
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
const child = spawn(bin("next"), args, { stdio: "inherit", env: serverEnv, cwd: root });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
