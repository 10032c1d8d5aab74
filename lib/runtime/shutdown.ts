import "server-only";
import type { Server } from "node:http";
import { closeAppDb } from "@/db/client";
import { logger } from "@/lib/observability/logger";

/**
 * Graceful shutdown, one registry for the whole process: the web server, and the mail listeners and
 * workers, which register their own close function (`onShutdown`). On SIGTERM or SIGINT: the HTTP
 * servers stop accepting and finish the requests in flight while every registered close function
 * runs (listeners stop accepting and finish their sessions); then the database closes (which
 * releases the PGlite directory lock) and the process exits — within SHUTDOWN_TIMEOUT_MS whatever
 * hangs.
 */
export const SHUTDOWN_TIMEOUT_MS = 9_000;

type Closer = { name: string; close: () => Promise<void> | void };
type State = { closers: Closer[]; started: boolean; installed: boolean };
const state: State = ((globalThis as { __mailroomShutdown?: State }).__mailroomShutdown ??= {
  closers: [],
  started: false,
  installed: false,
});

/** Registers a close function; returns a function that unregisters it. */
export function onShutdown(name: string, close: () => Promise<void> | void): () => void {
  const closer = { name, close };
  state.closers.push(closer);
  return () => {
    state.closers = state.closers.filter((c) => c !== closer);
  };
}

/** The HTTP servers of this process, tracked by scripts/client-address.mjs. */
const httpServers = (): Set<Server> =>
  (globalThis as { __mailroomHttpServers?: Set<Server> }).__mailroomHttpServers ?? new Set();

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    // Idle keep-alive connections close now and as they become idle; requests in flight finish.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}

async function run(name: string, fn: () => Promise<void> | void): Promise<void> {
  try {
    await fn();
  } catch (error) {
    logger.error({ err: error, closer: name }, "shutdown: close failed");
  }
}

/** Runs the shutdown once; `exit` is process.exit unless a test passes its own. */
export async function shutdown(
  reason: string,
  options: { exit?: (code: number) => void; timeoutMs?: number } = {},
): Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  if (state.started) return;
  state.started = true;
  const started = Date.now();
  logger.info({ reason }, "shutdown: stopping");
  const timer = setTimeout(() => {
    logger.error({ reason }, "shutdown: timed out, exiting");
    for (const server of httpServers()) server.closeAllConnections();
    exit(1);
  }, options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  await Promise.all([
    ...[...httpServers()].map((server) => run("http", () => closeServer(server))),
    ...state.closers.map((c) => run(c.name, c.close)),
  ]);
  await run("database", closeAppDb);
  clearTimeout(timer);
  logger.info({ reason, ms: Date.now() - started }, "shutdown: done");
  exit(0);
}

/** SIGTERM / SIGINT run the shutdown (once per process). */
export function installShutdownHandlers(options: { exit?: (code: number) => void } = {}): void {
  if (state.installed) return;
  state.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => void shutdown(signal, options));
}
