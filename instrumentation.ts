/** Runs in the server process before it serves: lib/runtime/start-server.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/runtime/start-server");
  await startServer();
}
