import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { delegateCount } from "../mailboxes/counts";
import { requireAdmin } from "../require-admin";

export const ADMIN_PAGE_SIZE = 50;

export type SharedMailboxRow = {
  id: string;
  address: string;
  displayName: string;
  quotaBytes: number;
  usedBytes: number;
  hiddenFromDirectory: boolean;
  delegateCount: number;
};

/**
 * One page of the organisation's shared mailboxes by address (keyset: `after` is the last
 * address of the previous page), each with its number of delegates — one query, using the
 * (org, kind, address) index and the delegations' (org, mailbox, delegate) index.
 */
export async function listSharedMailboxes(
  db: Db,
  actor: Actor,
  options: { after?: string | null; limit?: number } = {},
): Promise<{ rows: SharedMailboxRow[]; next: string | null }> {
  requireAdmin(actor);
  const limit = options.limit ?? ADMIN_PAGE_SIZE;
  const rows = await db
    .select({
      id: accounts.id,
      address: accounts.address,
      displayName: accounts.displayName,
      quotaBytes: accounts.quotaBytes,
      usedBytes: accounts.usedBytes,
      hiddenFromDirectory: accounts.hiddenFromDirectory,
      delegateCount: delegateCount(),
    })
    .from(accounts)
    .where(
      and(
        eq(accounts.orgId, actor.orgId),
        eq(accounts.kind, "shared"),
        options.after ? gt(accounts.address, options.after.toLowerCase()) : undefined,
      ),
    )
    .orderBy(asc(accounts.address))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? (page.at(-1)?.address ?? null) : null };
}
