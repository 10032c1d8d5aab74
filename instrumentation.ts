/**
 * Runs in the server process before it serves: lib/runtime/start-server.ts (configuration, request log,
 * graceful shutdown, migrations, demo data), then the mail services beside the web server: the SMTP
 * receiver, the IMAP listener, the outbound queue worker and the submission listener (servers/start.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/runtime/start-server");
  await startServer();
  const [{ startMailServices }, { getDbHandle }] = await Promise.all([
    import("./servers/start"),
    import("./db/client"),
  ]);
  await startMailServices(getDbHandle());
}
