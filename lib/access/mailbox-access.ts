import "server-only";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, delegations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";

/**
 * The one access check of DESIGN R12. Every read and write of mailbox content goes through
 * `requireMailboxRight`; pages turn its refusal into a 404, actions into "not found or no access".
 *
 * - The owner of a user mailbox has every right on it.
 * - A delegate has exactly the rights of their delegation row (Full Access, Send As,
 *   Send on Behalf), each on its own.
 * - The admin role gives no mail access by itself; another organisation's mailbox is never seen.
 */
export type MailboxRight = "fullAccess" | "sendAs" | "sendOnBehalf";

export type MailboxRef = { id: string } | { address: string };

export type AccessibleMailbox = {
  id: string;
  orgId: string;
  address: string;
  displayName: string;
  kind: "standard" | "shared";
  quotaBytes: number;
  usedBytes: number;
  saveSentCopy: boolean;
  /** Deleting for good is the admin's (lib/messages/delete-protection.ts). */
  deleteProtection: boolean;
  /** Each delegate has their own read state (lib/messages/read-state.ts). */
  readPerPerson: boolean;
};

export type MailboxAccess = {
  mailbox: AccessibleMailbox;
  isOwner: boolean;
  rights: Record<MailboxRight, boolean>;
};

/** What the owner of a user mailbox may do with it (sending on behalf of oneself means nothing). */
const OWNER_RIGHTS: Record<MailboxRight, boolean> = { fullAccess: true, sendAs: true, sendOnBehalf: false };

/**
 * The delegation rule, in one place: the SQL condition (over `delegations`) under which a row gives
 * its delegate `right`. The single check below and every list form use it, so a rule added here
 * (a suspended mailbox, an expiry date…) reaches the search over all mailboxes, the folder tree,
 * the add-shared-folder suggestions and the From picker at once. An object, so a test can swap it.
 */
export const accessRules = {
  grants(right: MailboxRight): SQL {
    return eq(delegations[right], true);
  },
};

/** SQL over `delegations`: rows of the actor's organisation that give the actor `right`. */
export function delegatedTo(actor: Actor, right: MailboxRight): SQL {
  return and(eq(delegations.orgId, actor.orgId), eq(delegations.delegateId, actor.id), accessRules.grants(right))!;
}

/** SQL over `delegations` joined as in `delegatedTo`: whether the row gives `right` (for a column). */
export const grantColumn = (right: MailboxRight) => sql<boolean>`coalesce(${accessRules.grants(right)}, false)`;

/**
 * SQL over `accounts`: the mailboxes the actor may use with `right` — their own user mailbox
 * (for the rights an owner has) and each mailbox delegated to them with it, in their organisation.
 * `mailboxesWith(db, actor, "fullAccess")` is "the mailboxes this actor may open".
 */
export function mailboxesWith(db: Db, actor: Actor, right: MailboxRight): SQL {
  const delegated = db.select({ id: delegations.mailboxId }).from(delegations).where(delegatedTo(actor, right));
  const own = OWNER_RIGHTS[right] ? and(eq(accounts.id, actor.id), eq(accounts.kind, "standard")) : undefined;
  return and(eq(accounts.orgId, actor.orgId), or(own, inArray(accounts.id, delegated)))!;
}

/** The columns of an AccessibleMailbox, for every query that returns one. */
export const accessibleMailboxColumns = {
  id: accounts.id,
  orgId: accounts.orgId,
  address: accounts.address,
  displayName: accounts.displayName,
  kind: accounts.kind,
  quotaBytes: accounts.quotaBytes,
  usedBytes: accounts.usedBytes,
  saveSentCopy: accounts.saveSentCopy,
  deleteProtection: accounts.deleteProtection,
  readPerPerson: accounts.readPerPerson,
};

/** The actor's rights on a mailbox of their organisation, or null if it does not exist there. */
export async function getMailboxAccess(db: Db, actor: Actor, ref: MailboxRef): Promise<MailboxAccess | null> {
  const [row] = await db
    .select({
      mailbox: accessibleMailboxColumns,
      fullAccess: grantColumn("fullAccess"),
      sendAs: grantColumn("sendAs"),
      sendOnBehalf: grantColumn("sendOnBehalf"),
    })
    .from(accounts)
    .leftJoin(
      delegations,
      and(
        eq(delegations.orgId, accounts.orgId),
        eq(delegations.mailboxId, accounts.id),
        eq(delegations.delegateId, actor.id),
      ),
    )
    .where(
      and(
        eq(accounts.orgId, actor.orgId),
        "id" in ref ? eq(accounts.id, ref.id) : eq(accounts.address, ref.address.trim().toLowerCase()),
      ),
    );
  if (!row) return null;
  const isOwner = row.mailbox.id === actor.id && row.mailbox.kind === "standard";
  const rights = isOwner
    ? OWNER_RIGHTS
    : { fullAccess: row.fullAccess === true, sendAs: row.sendAs === true, sendOnBehalf: row.sendOnBehalf === true };
  return { mailbox: row.mailbox, isOwner, rights };
}

/** Allows or refuses: the mailbox and the actor's rights, or DomainError("notFound"). */
export async function requireMailboxRight(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  right: MailboxRight,
): Promise<MailboxAccess> {
  const access = await getMailboxAccess(db, actor, ref);
  if (!access || !access.rights[right]) throw new DomainError("notFound");
  return access;
}

/** May the actor send from this mailbox at all (as itself, as, or on behalf of)? */
export const maySendFrom = (access: MailboxAccess) => access.rights.sendAs || access.rights.sendOnBehalf;
