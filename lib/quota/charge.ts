import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, organizations } from "@/db/schema";

/** The warning threshold of the account's organisation, as a scalar subquery in an UPDATE of accounts. */
const warnPercent = sql`(select ${organizations.warnPercent} from ${organizations} where ${organizations.id} =
  ${accounts.orgId})`;

/**
 * Adds bytes to a mailbox's used space if it stays within `limitPercent` of its quota, in one
 * conditional UPDATE: the row lock makes concurrent deliveries queue, so none can overshoot.
 * Returns null (and changes nothing) when the bytes do not fit; else the new usage, and whether
 * the mailbox carries the "warned" mark (see `warningOutOfStep`).
 */
export async function chargeQuota(tx: Db, orgId: string, accountId: string, bytes: number, limitPercent = 100) {
  const rows = await tx
    .update(accounts)
    .set({ usedBytes: sql`${accounts.usedBytes} + ${bytes}` })
    .where(
      and(
        eq(accounts.orgId, orgId),
        eq(accounts.id, accountId),
        sql`(${accounts.usedBytes} + ${bytes}) * 100 <= ${accounts.quotaBytes} * ${limitPercent}`,
      ),
    )
    .returning({
      usedBytes: accounts.usedBytes,
      quotaBytes: accounts.quotaBytes,
      warned: sql<boolean>`${accounts.quotaWarnedAt} is not null`,
    });
  return rows[0] ?? null;
}

/**
 * Whether a charged mailbox's "warned" mark disagrees with its usage, so that `syncQuotaWarning`
 * has something to do: most deliveries neither cross nor leave the threshold, and skip it.
 */
export const warningOutOfStep = (
  charged: { usedBytes: number; quotaBytes: number; warned: boolean },
  warnPercent: number,
) => charged.usedBytes * 100 >= charged.quotaBytes * warnPercent !== charged.warned;

/**
 * Gives bytes back (permanent delete), never below zero. When the mailbox falls back under its
 * organisation's warning threshold, its "warned" mark is cleared, so the next crossing warns again.
 */
export async function releaseQuota(tx: Db, orgId: string, accountId: string, bytes: number): Promise<void> {
  const after = sql`greatest(${accounts.usedBytes} - ${bytes}, 0)`;
  await tx
    .update(accounts)
    .set({
      usedBytes: after,
      quotaWarnedAt: sql`case when ${after} * 100 < ${accounts.quotaBytes} * ${warnPercent} then null else
        ${accounts.quotaWarnedAt} end`,
    })
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, accountId)));
}

/**
 * Brings a mailbox's "warned" mark in line with its usage after a store: set when it is at or above
 * the warning threshold and was not marked (returns "crossed": send the one warning message),
 * cleared when it is back under ("cleared"). One conditional UPDATE, so two deliveries crossing
 * the threshold at once send one warning, not two.
 */
export async function syncQuotaWarning(
  tx: Db,
  orgId: string,
  accountId: string,
): Promise<{ change: "crossed" | "cleared"; usedBytes: number; quotaBytes: number } | null> {
  const above = sql`${accounts.usedBytes} * 100 >= ${accounts.quotaBytes} * ${warnPercent}`;
  const rows = await tx
    .update(accounts)
    .set({ quotaWarnedAt: sql`case when ${above} then now() else null end` })
    .where(
      and(
        eq(accounts.orgId, orgId),
        eq(accounts.id, accountId),
        sql`(${above}) <> (${accounts.quotaWarnedAt} is not null)`,
      ),
    )
    .returning({ warnedAt: accounts.quotaWarnedAt, usedBytes: accounts.usedBytes, quotaBytes: accounts.quotaBytes });
  const row = rows[0];
  if (!row) return null;
  return { change: row.warnedAt ? "crossed" : "cleared", usedBytes: row.usedBytes, quotaBytes: row.quotaBytes };
}
