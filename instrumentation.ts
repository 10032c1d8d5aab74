/**
 * Migrates (and seeds the demo when MAILROOM_DEMO=1) inside the server process, before it serves,
 * then starts the mail services beside it: the SMTP receiver, the outbound queue worker and the
 * submission listener (servers/start.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("./db/prepare");
  await prepareDatabase();
  const [{ startMailServices }, { getDb }] = await Promise.all([import("./servers/start"), import("./db/client")]);
  await startMailServices(getDb());
}
