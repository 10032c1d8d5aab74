import "server-only";
import { and, eq } from "drizzle-orm";
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
};

export type MailboxAccess = {
  mailbox: AccessibleMailbox;
  isOwner: boolean;
  rights: Record<MailboxRight, boolean>;
};

const NONE: Record<MailboxRight, boolean> = { fullAccess: false, sendAs: false, sendOnBehalf: false };

/** The actor's rights on a mailbox of their organisation, or null if it does not exist there. */
export async function getMailboxAccess(db: Db, actor: Actor, ref: MailboxRef): Promise<MailboxAccess | null> {
  const [row] = await db
    .select({
      mailbox: {
        id: accounts.id,
        orgId: accounts.orgId,
        address: accounts.address,
        displayName: accounts.displayName,
        kind: accounts.kind,
        quotaBytes: accounts.quotaBytes,
        usedBytes: accounts.usedBytes,
        saveSentCopy: accounts.saveSentCopy,
      },
      fullAccess: delegations.fullAccess,
      sendAs: delegations.sendAs,
      sendOnBehalf: delegations.sendOnBehalf,
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
    ? { fullAccess: true, sendAs: true, sendOnBehalf: false }
    : {
        fullAccess: row.fullAccess ?? NONE.fullAccess,
        sendAs: row.sendAs ?? NONE.sendAs,
        sendOnBehalf: row.sendOnBehalf ?? NONE.sendOnBehalf,
      };
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
