import "server-only";
import { getDb } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";
import { ConfigError, serverConfig } from "@/lib/config/server-config";
import { installRequestLog } from "@/lib/observability/request-log";
import { startHousekeeping } from "./schedule";
import { installShutdownHandlers } from "./shutdown";

/**
 * The server process's start (instrumentation.ts): checks the configuration (a bad one stops the
 * server with the list of problems), installs the request log, the graceful shutdown and the
 * housekeeping, then migrates (under an advisory lock on PostgreSQL) and seeds the demo when asked.
 */
export async function startServer(): Promise<void> {
  try {
    serverConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  installRequestLog();
  installShutdownHandlers();
  await prepareDatabase();
  startHousekeeping(getDb);
}
