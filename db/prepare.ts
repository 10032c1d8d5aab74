import { getDbHandle } from "./client";
import { migrate } from "./migrate";

/**
 * Run by the server process before it serves: migrations, then the demo data when asked, then the
 * mail listeners (the embedded database lives in this one process, so they must run here on PGlite).
 */
export async function prepareDatabase(): Promise<void> {
  const handle = getDbHandle();
  await migrate(handle);
  if (process.env.MAILROOM_DEMO === "1") {
    const { seedDemo } = await import("./seed");
    const { created } = await seedDemo(handle.db);
    if (created.length) console.log(`[mailroom] demo data created: ${created.join(", ")}`);
  }
  const { startMailServices } = await import("../servers/start");
  // Each listener that cannot start is reported there; the web server keeps serving.
  await startMailServices(handle);
}
