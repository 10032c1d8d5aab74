import { createDbFromEnv } from "./client";
import { migrate } from "./migrate";
import { seedDemo } from "@/lib/demo/seed-demo";

const handle = createDbFromEnv();
try {
  await migrate(handle);
  const { created } = await seedDemo(handle.db);
  console.log(created.length ? `Demo data created: ${created.join(", ")}` : "Demo data already present.");
} finally {
  await handle.close();
}
