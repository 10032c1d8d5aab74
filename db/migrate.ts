import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { DbHandle } from "./client";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** Applies the committed SQL migrations; safe to run again. */
export async function migrate(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder };
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as never, config);
  } else {
    await migratePostgres(handle.db as never, config);
  }
}
