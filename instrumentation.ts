/**
 * Runs in the server process before it serves: checks the configuration (a bad one stops the server
 * with the list of problems), installs the request log, the graceful shutdown and the housekeeping,
 * then migrates (under an advisory lock on PostgreSQL) and seeds the demo when MAILROOM_DEMO=1.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, serverConfig } = await import("./lib/config/server-config");
  try {
    serverConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  const [{ installRequestLog }, { installShutdownHandlers }, { startHousekeeping }, { getDb }, { prepareDatabase }] =
    await Promise.all([
      import("./lib/observability/request-log"),
      import("./lib/runtime/shutdown"),
      import("./lib/runtime/schedule"),
      import("./db/client"),
      import("./db/prepare"),
    ]);
  installRequestLog();
  installShutdownHandlers();
  await prepareDatabase();
  startHousekeeping(getDb);
}
