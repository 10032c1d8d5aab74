import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";

/**
 * Adds bytes to a mailbox's used space if it stays within `limitPercent` of its quota, in one
 * conditional UPDATE: the row lock makes concurrent deliveries queue, so none can overshoot.
 * Returns false (and changes nothing) when the bytes do not fit.
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
    .returning({ usedBytes: accounts.usedBytes, quotaBytes: accounts.quotaBytes });
  return rows[0] ?? null;
}

/** Gives bytes back (permanent delete), never below zero. */
export async function releaseQuota(tx: Db, orgId: string, accountId: string, bytes: number): Promise<void> {
  await tx
    .update(accounts)
    .set({ usedBytes: sql`greatest(${accounts.usedBytes} - ${bytes}, 0)` })
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, accountId)));
}
