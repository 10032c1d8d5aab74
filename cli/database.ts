import { createDbFromEnv, type Db, type DbHandle } from "@/db/client";
import { migrate } from "@/db/migrate";

/**
 * Opens the configured database (DATABASE_URL, else PGlite in MAILROOM_DATA_DIR or ./.data),
 * applies pending migrations, runs the command and closes it. A PGlite directory held by a
 * running server is refused (DataDirInUseError) before anything is read or written.
 */
export async function withDb<T>(fn: (db: Db, handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = createDbFromEnv();
  try {
    await migrate(handle);
    return await fn(handle.db, handle);
  } finally {
    await handle.close();
  }
}

export function describeDatabase(): string {
  return process.env.DATABASE_URL
    ? `PostgreSQL (${new URL(process.env.DATABASE_URL).host})`
    : `embedded database in ${process.env.MAILROOM_DATA_DIR || "./.data"}`;
}
