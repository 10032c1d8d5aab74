import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { serverNodeOptions } from "../server-memory.mjs";

/**
 * The production server under test: `next start` (a build must exist), its PID stopped at the end,
 * and its resident memory sampled every 200 ms over the whole process tree.
 */
export type RunningServer = {
  baseUrl: string;
  pid: number;
  /** Highest resident set size seen so far (sum over the server's processes), in bytes. */
  peakRss(): number;
  /** CPU time (user + system) used so far by the server's processes, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
};

const root = process.cwd();

/** Builds once when there is no production build (a stale build is not detected: rebuild after changes). */
export function ensureBuild(): void {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("no production build: running next build…");
  const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}

function requireBuild(): void {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("no production build: run `npx next build` first");
}

function children(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function tree(pid: number): number[] {
  return [pid, ...children(pid).flatMap(tree)];
}

/** utime + stime of a process, in ms (clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function waitReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s`);
}

/** Refuses a port already taken: a server left by an earlier run would be measured instead. */
async function requireFreePort(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () =>
      reject(new Error(`port ${port} is taken (a server left by an earlier run?): stop it, or pass --port`)),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

export async function startServer(options: {
  port: number;
  env: Record<string, string>;
  logFile: string;
  /** Node flags for the server, e.g. ["--cpu-prof"] to profile it. */
  nodeArgs?: string[];
}): Promise<RunningServer> {
  requireBuild();
  await requireFreePort(options.port);
  const log = fs.openSync(options.logFile, "a");
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  // MAILROOM_WORKERS > 1: the server as `npm start` runs it, several processes (scripts/run.mjs).
  const workers = Number(process.env.MAILROOM_WORKERS ?? "1");
  const command =
    workers > 1
      ? [path.join(root, "scripts", "run.mjs"), "start"]
      : [...(options.nodeArgs ?? []), next, "start", "-p", String(options.port)];
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64url"),
      MAILROOM_SMTP_PORT: process.env.MAILROOM_SMTP_PORT ?? "off",
      MAILROOM_IMAP_PORT: process.env.MAILROOM_IMAP_PORT ?? "off",
      AUTH_TRUST_HOST: "true",
      MAILROOM_DEMO: "0",
      PORT: String(options.port),
      NODE_OPTIONS: serverNodeOptions(),
      ...options.env,
    },
    stdio: ["ignore", log, log],
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let peak = 0;
  const sampler = setInterval(() => {
    const rss = tree(child.pid!).reduce((sum, pid) => sum + rssOf(pid), 0);
    peak = Math.max(peak, rss);
  }, 200);
  const stop = async () => {
    clearInterval(sampler);
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(log);
  };
  try {
    await waitReady(baseUrl, child, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const cpuMs = () => tree(child.pid!).reduce((sum, pid) => sum + cpuOf(pid), 0);
  return { baseUrl, pid: child.pid!, peakRss: () => peak, cpuMs, stop };
}
