import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * A write of at least this many messages changes a table's shape enough (a mailbox that doubled, a
 * folder emptied) for the planner's statistics to be wrong: below it, one message more or less
 * changes nothing and autovacuum's own pass is soon enough.
 */
export const BULK_WRITE_ROWS = 1000;

/** The tables a bulk write of messages changes. */
const MESSAGE_TABLES = ["messages", "message_contents"] as const;

/**
 * Gives the planner fresh statistics after a bulk write of messages (import, seeding, a large
 * purge, a mailbox deleted): without them, right after `mailroom import` into a new mailbox the
 * planner still believes the mailbox nearly empty and reads all its rows for a search instead of
 * the full-text index. The GIN index's pending list is merged first (what VACUUM would do). Call it
 * once the write has committed (ANALYZE inside the writing transaction would not see its rows as
 * other sessions will). Returns whether it analyzed.
 *
 * The write has already succeeded: a failure here (the database role does not own the tables)
 * is reported and left to autovacuum rather than turned into an error for the write.
 */
export async function analyzeAfterBulkWrite(db: Db, changedRows: number): Promise<boolean> {
  if (changedRows < BULK_WRITE_ROWS) return false;
  try {
    // The full-text index's pending list first: a bulk write leaves up to gin_pending_list_limit
    // (4 MB) of entries that every search would read in full, and that the planner counts as such.
    await db.execute(sql`select gin_clean_pending_list('messages_search'::regclass)`);
    for (const table of MESSAGE_TABLES) await db.execute(sql.raw(`analyze ${table}`));
    return true;
  } catch (error) {
    console.warn(`analyze after a bulk write of ${changedRows} messages failed: ${(error as Error).message}`);
    return false;
  }
}
