import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * The queue's clock is the database's (`now()`), never a worker's: leases and due times written by
 * one machine are read by others, whose clocks may differ. `shiftMs` moves it forward in tests (to
 * reach a retry or the end of the retry period without waiting); it is 0 in service.
 */
export const dbClock = (shiftMs = 0): SQL => sql`(now() + ${shiftMs} * interval '1 millisecond')`;

/** The database's time (plus `shiftMs`), for the arithmetic done in code (age of a message, next attempt). */
export async function databaseNow(db: Db, shiftMs = 0): Promise<Date> {
  const result = await db.execute(sql`select floor(extract(epoch from ${dbClock(shiftMs)}) * 1000) as ms`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { ms: string | number }[];
  return new Date(Number(rows[0]!.ms));
}
