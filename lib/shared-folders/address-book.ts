import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, delegations } from "@/db/schema";
import { delegatedTo } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";

export type AddressBookEntry = { id: string; address: string; displayName: string };

export const SUGGESTION_LIMIT = 200;

/**
 * Suggestions for Add shared folder: the address-book mailboxes (not hidden, R9) of the actor's
 * organisation that the actor has Full Access to — the only ones the dialog can add. A hidden
 * mailbox is never suggested; it can still be added by its full address.
 */
export async function listAddableMailboxes(db: Db, actor: Actor): Promise<AddressBookEntry[]> {
  return db
    .select({ id: accounts.id, address: accounts.address, displayName: accounts.displayName })
    .from(delegations)
    .innerJoin(accounts, and(eq(accounts.id, delegations.mailboxId), eq(accounts.orgId, delegations.orgId)))
    .where(and(delegatedTo(actor, "fullAccess"), eq(accounts.hiddenFromDirectory, false), ne(accounts.id, actor.id)))
    .orderBy(sql`lower(${accounts.displayName})`, accounts.address)
    .limit(SUGGESTION_LIMIT);
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Resolves what the user typed in Add shared folder to a mailbox id:
 * - an address (with "@") is looked up exactly, hidden or not — the caller checks Full Access;
 * - a name is looked up in the address book among the mailboxes the actor has Full Access to:
 *   an exact display name or local part wins, else a unique partial display-name match.
 * Returns null for no match, "ambiguous" for several (only ever among mailboxes the actor may open).
 */
export async function resolveMailboxQuery(
  db: Db,
  actor: Actor,
  query: string,
): Promise<{ ref: { id: string } | { address: string } } | { ambiguous: true } | null> {
  const typed = query.trim();
  if (typed.includes("@")) return { ref: { address: typed.toLowerCase() } };
  const lowered = typed.toLowerCase();
  const candidates = await db
    .select({
      id: accounts.id,
      exact: sql<boolean>`(lower(${accounts.displayName}) = ${lowered} or split_part(${accounts.address}, '@', 1) =
        ${lowered})`,
    })
    .from(delegations)
    .innerJoin(accounts, and(eq(accounts.id, delegations.mailboxId), eq(accounts.orgId, delegations.orgId)))
    .where(
      and(
        delegatedTo(actor, "fullAccess"),
        eq(accounts.hiddenFromDirectory, false),
        sql`(lower(${accounts.displayName}) like ${`%${escapeLike(lowered)}%`} or split_part(${accounts.address}, '@',
          1) = ${lowered})`,
      ),
    )
    .limit(SUGGESTION_LIMIT);
  const exact = candidates.filter((c) => c.exact);
  const pick = exact.length > 0 ? exact : candidates;
  if (pick.length === 0) return null;
  if (pick.length > 1) return { ambiguous: true };
  return { ref: { id: pick[0]!.id } };
}
