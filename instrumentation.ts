/** Migrates (and seeds the demo when MAILROOM_DEMO=1) inside the server process, before it serves. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("./db/prepare");
  await prepareDatabase();
}
