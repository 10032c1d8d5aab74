import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "../require-admin";
import { ADMIN_PAGE_SIZE } from "../shared/list-shared-mailboxes";

export type UserRow = {
  id: string;
  address: string;
  displayName: string;
  role: "user" | "admin";
  state: "active" | "suspended";
  quotaBytes: number;
  usedBytes: number;
};

/** One page of the organisation's user mailboxes by address (keyset on the org/kind/address index). */
export async function listUsers(
  db: Db,
  actor: Actor,
  options: { after?: string | null; limit?: number } = {},
): Promise<{ rows: UserRow[]; next: string | null }> {
  requireAdmin(actor);
  const limit = options.limit ?? ADMIN_PAGE_SIZE;
  const rows = await db
    .select({
      id: accounts.id,
      address: accounts.address,
      displayName: accounts.displayName,
      role: accounts.role,
      state: accounts.state,
      quotaBytes: accounts.quotaBytes,
      usedBytes: accounts.usedBytes,
    })
    .from(accounts)
    .where(
      and(
        eq(accounts.orgId, actor.orgId),
        eq(accounts.kind, "standard"),
        options.after ? gt(accounts.address, options.after.toLowerCase()) : undefined,
      ),
    )
    .orderBy(asc(accounts.address))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? (page.at(-1)?.address ?? null) : null };
}
