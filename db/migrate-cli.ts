import { createDbFromEnv } from "./client";
import { migrate } from "./migrate";

const handle = createDbFromEnv();
try {
  await migrate(handle);
  console.log(`Migrations applied (${handle.driver}).`);
} finally {
  await handle.close();
}
