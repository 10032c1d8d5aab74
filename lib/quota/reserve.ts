import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { quotaReservations } from "@/db/schema";
import { DomainError } from "@/lib/errors";

/** A charge taken ahead of its transaction: the reservation's id and the mailbox's usage after it. */
export type Reservation = { id: string; usedBytes: number; quotaBytes: number; warned: boolean };

/** A reservation not claimed nor refunded after this long belongs to a process that stopped. */
export const STALE_RESERVATION_MS = 10 * 60 * 1000;

type Rows<T> = { rows: T[] } | T[];
const rowsOf = <T>(result: unknown): T[] => {
  const r = result as Rows<T>;
  return Array.isArray(r) ? r : r.rows;
};

/**
 * Takes `bytes` from a mailbox's quota if it stays within `limitPercent` of it, in ONE statement
 * committed on its own: the conditional UPDATE of used_bytes and the reservation row together, so
 * the account row is locked for that statement only, not for the storing transaction (R10 stays
 * exact: the check and the raise are one atomic step; concurrent reservations queue on the row for
 * microseconds and never overshoot). Its commit does not wait for the disk (synchronous_commit off
 * for this statement): the storing transaction's commit, which does, flushes it too; a crash before
 * that leaves at most a reservation that `refundStaleReservations` gives back.
 * Returns null (nothing changed) when the bytes do not fit.
 */
export async function reserveQuota(
  db: Db,
  orgId: string,
  accountId: string,
  bytes: number,
  limitPercent = 100,
): Promise<Reservation | null> {
  const result = await db.execute(sql`
    with quick as (select set_config('synchronous_commit', 'off', true) as s),
    charged as (
      update accounts set used_bytes = used_bytes + ${bytes}
      where org_id = ${orgId} and id = ${accountId}
        and (used_bytes + ${bytes}) * 100 <= quota_bytes * ${limitPercent}
      returning org_id, id, used_bytes, quota_bytes, quota_warned_at is not null as warned
    ),
    reserved as (
      insert into quota_reservations (org_id, account_id, bytes)
      select org_id, id, ${bytes} from charged, quick
      returning id
    )
    select reserved.id, charged.used_bytes, charged.quota_bytes, charged.warned from reserved, charged`);
  const row = rowsOf<{ id: string; used_bytes: string | number; quota_bytes: string | number; warned: boolean }>(
    result,
  )[0];
  if (!row) return null;
  return { id: row.id, usedBytes: Number(row.used_bytes), quotaBytes: Number(row.quota_bytes), warned: row.warned };
}

/**
 * Makes reservations final inside the storing transaction: their rows are deleted with it, so
 * the charge stays when it commits and a refund finds nothing to give back. A reservation already
 * given back (the process was taken for stopped) fails the transaction: its bytes are no longer
 * counted, so the message must not be stored.
 */
export async function claimReservations(tx: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const claimed = await tx
    .delete(quotaReservations)
    .where(inArray(quotaReservations.id, ids))
    .returning({ id: quotaReservations.id });
  if (claimed.length !== ids.length) throw new DomainError("conflict");
}

/**
 * Gives back the reservations that are still open (their transaction failed or never ran): one
 * statement per reservation deletes it and lowers its mailbox's used bytes by its bytes, never
 * below zero — one account row per statement, so refunds running at once cannot deadlock.
 * Reservations a committed transaction claimed are gone and give nothing back. Returns how many
 * it gave back.
 */
export async function refundReservations(db: Db, ids: string[]): Promise<number> {
  const given = await Promise.all(
    ids.map(async (id) => {
      const result = await db.execute(sql`
        with gone as (delete from quota_reservations where id = ${id} returning org_id, account_id, bytes)
        update accounts a set used_bytes = greatest(a.used_bytes - gone.bytes, 0)
        from gone where a.org_id = gone.org_id and a.id = gone.account_id
        returning a.id`);
      return rowsOf(result).length;
    }),
  );
  return given.reduce((a, b) => a + b, 0);
}

/**
 * Gives back the reservations older than `olderThanMs`: a process stopped between its reservation
 * and its transaction's end. A transaction still running that claimed one has it locked: its
 * refund waits for it and then finds it gone, so nothing claimed is ever given back.
 */
export async function refundStaleReservations(db: Db, olderThanMs = STALE_RESERVATION_MS): Promise<number> {
  const stale = await db
    .select({ id: quotaReservations.id })
    .from(quotaReservations)
    .where(sql`${quotaReservations.createdAt} <= now() - make_interval(secs => ${olderThanMs / 1000})`)
    .limit(1000);
  return refundReservations(
    db,
    stale.map((r) => r.id),
  );
}

/**
 * Runs `store` (the storing transaction) with reservations taken before it: claims them inside it
 * (the caller calls `claimReservations` in its transaction) and refunds whatever is left open if it
 * throws, then rethrows.
 */
export async function withReservations<T>(db: Db, ids: string[], store: () => Promise<T>): Promise<T> {
  try {
    return await store();
  } catch (error) {
    // The store's own error is the one to report; a refund that fails here is left to the sweep.
    await refundReservations(db, ids).catch((refund: Error) =>
      console.error(`[mailroom] quota refund failed, left to the stale sweep: ${refund.message}`),
    );
    throw error;
  }
}
