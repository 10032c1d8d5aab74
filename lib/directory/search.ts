import "server-only";
import { and, asc, eq, ilike, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";

export type DirectoryEntry = { address: string; name: string; kind: "standard" | "shared" };

export const DIRECTORY_LIMIT = 8;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, "\\$&");

/**
 * The address book (R9): the actor's organisation's accounts that are not hidden, matching the
 * start of the address or any part of the display name. Hidden mailboxes still receive mail when
 * typed in full; they are only left out here.
 */
export async function searchDirectory(
  db: Db,
  actor: Actor,
  query: string,
  limit = DIRECTORY_LIMIT,
): Promise<DirectoryEntry[]> {
  const q = query.trim().toLowerCase().slice(0, 100);
  if (!q) return [];
  const pattern = escapeLike(q);
  return db
    .select({ address: accounts.address, name: accounts.displayName, kind: accounts.kind })
    .from(accounts)
    .where(
      and(
        eq(accounts.orgId, actor.orgId),
        eq(accounts.hiddenFromDirectory, false),
        eq(accounts.state, "active"),
        or(ilike(accounts.address, `${pattern}%`), ilike(accounts.displayName, `%${pattern}%`)),
      ),
    )
    .orderBy(asc(accounts.displayName), asc(accounts.address))
    .limit(Math.min(Math.max(limit, 1), 20));
}
