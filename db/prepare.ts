import { getDbHandle } from "./client";
import { migrate } from "./migrate";

/**
 * Run by the server process before it serves: migrations, then the demo data when asked.
 */
export async function prepareDatabase(): Promise<void> {
  const handle = getDbHandle();
  await migrate(handle);
  if (process.env.MAILROOM_DEMO === "1") {
    const { seedDemo } = await import("./seed");
    const { created } = await seedDemo(handle.db);
    if (created.length) console.log(`[mailroom] demo data created: ${created.join(", ")}`);
  }
}
