import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, organizations } from "@/db/schema";
import { DomainError } from "@/lib/errors";

export type PoolRule = "fixed" | "per_user";

/** The shared pool of an organisation, as it stands. */
export type PoolState = {
  rule: PoolRule;
  /** The configured size: the whole pool ("fixed") or the size per user mailbox ("per_user"). */
  poolBytes: number;
  userCount: number;
  /** The pool the rule gives now. */
  totalBytes: number;
  /** Sum of the shared mailboxes' quotas: only they count against the pool. */
  allocatedBytes: number;
  freeBytes: number;
  sharedCount: number;
};

export const poolTotal = (rule: PoolRule, poolBytes: number, userCount: number) =>
  rule === "fixed" ? poolBytes : poolBytes * userCount;

/**
 * Reads the pool. With `lock`, the organisation row is locked FOR UPDATE first, so that every
 * transaction that changes the pool's use (create, resize, delete a user under "per_user", change
 * the rule) queues behind the others and then sees their committed result.
 */
export async function readPoolState(db: Db, orgId: string, options: { lock?: boolean } = {}): Promise<PoolState> {
  const query = db
    .select({ rule: organizations.poolRule, poolBytes: organizations.poolBytes })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const [org] = options.lock ? await query.for("update") : await query;
  if (!org) throw new DomainError("notFound");
  const [use] = await db
    .select({
      userCount: sql<number>`count(*) filter (where ${accounts.kind} = 'standard')`.mapWith(Number),
      sharedCount: sql<number>`count(*) filter (where ${accounts.kind} = 'shared')`.mapWith(Number),
      allocatedBytes:
        sql<number>`coalesce(sum(${accounts.quotaBytes}) filter (where ${accounts.kind} = 'shared'), 0)`.mapWith(
          Number,
        ),
    })
    .from(accounts)
    .where(eq(accounts.orgId, orgId));
  const userCount = use?.userCount ?? 0;
  const allocatedBytes = use?.allocatedBytes ?? 0;
  const totalBytes = poolTotal(org.rule, org.poolBytes, userCount);
  return {
    rule: org.rule,
    poolBytes: org.poolBytes,
    userCount,
    totalBytes,
    allocatedBytes,
    freeBytes: Math.max(0, totalBytes - allocatedBytes),
    sharedCount: use?.sharedCount ?? 0,
  };
}
