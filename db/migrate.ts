import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { DbHandle } from "./client";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** The advisory lock key every Mailroom process takes to migrate ("mailroom" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x6d61696c;

/**
 * Applies the committed SQL migrations; safe to run again. On PostgreSQL, under an advisory lock:
 * servers (and the command line) starting together take turns, and the later ones find nothing to do.
 */
export async function migrate(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder };
  await handle.withAdvisoryLock(MIGRATION_LOCK_KEY, async () => {
    if (handle.driver === "pglite") await migratePglite(handle.db as never, config);
    else await migratePostgres(handle.db as never, config);
  });
}
