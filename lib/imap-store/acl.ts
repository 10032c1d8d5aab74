import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, delegations } from "@/db/schema";
import { accessRules, requireMailboxRight, type MailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { isSharedContainer, resolveImapFolder, SEPARATOR } from "./folders";

/**
 * IMAP ACL (RFC 4314) as a view of Mailroom's delegations: nothing here grants anything, the rights
 * are read from the access rule (lib/access/mailbox-access.ts) that every command already applies.
 *
 * - The owner of a user mailbox: every right, `lrwstipekxacd` (what Dovecot reports to an owner).
 * - Full Access (R4: read and manage every folder): `lrwstipekxcd` — lookup, read, keep seen, write
 *   flags, insert, post, expunge, create and delete folders, delete messages; not `a` (administer):
 *   a delegate cannot hand the mailbox on.
 * - Send As, Send on Behalf: no IMAP right (they are about sending, which IMAP does not do), so the
 *   mailbox is not visible over IMAP at all.
 * `c` and `d` are the RFC 2086 names of `k`/`x` and `t`/`e`, reported as RFC 4314 section 2.1.1 asks.
 */
export const OWNER_RIGHTS = "lrwstipekxacd";
export const FULL_ACCESS_RIGHTS = "lrwstipekxcd";
/** The rights this server knows beyond RFC 2086's, for CAPABILITY (`RIGHTS=texk`). */
export const RIGHTS_CAPABILITY = "texk";

const rightsOf = (access: MailboxAccess) =>
  access.isOwner ? OWNER_RIGHTS : access.rights.fullAccess ? FULL_ACCESS_RIGHTS : "";

async function opened(db: Db, actor: Actor, path: string) {
  const folder = await resolveImapFolder(db, actor, path);
  if (!folder) throw new DomainError("notFound");
  return folder;
}

/**
 * MYRIGHTS: the caller's rights on a folder (notFound where they have none, as for any other
 * command). The namespace's containers: `Shared` may be listed (`l`); `Shared/<address>` of a Full
 * Access mailbox may be listed and have folders created in it (`lk`).
 */
export async function myRights(db: Db, actor: Actor, path: string): Promise<string> {
  if (isSharedContainer(path)) {
    const address = path.split(SEPARATOR)[1];
    if (address === undefined) return "l";
    await requireMailboxRight(db, actor, { address }, "fullAccess");
    return "lk";
  }
  return rightsOf((await opened(db, actor, path)).access);
}

export type AclEntry = { identifier: string; rights: string };

/**
 * GETACL: who has which rights on a folder's mailbox — its owner (a user mailbox) and each Full
 * Access delegate. Readable by whoever may open the mailbox (its owner and its Full Access
 * delegates): they already see the delegations in the mailbox's audit trail. Delegates with only
 * Send As or Send on Behalf have no IMAP right and are not listed.
 */
export async function getAcl(db: Db, actor: Actor, path: string): Promise<AclEntry[]> {
  const { access } = await opened(db, actor, path);
  const { mailbox } = access;
  const rows = await db
    .select({ address: accounts.address })
    .from(delegations)
    .innerJoin(accounts, and(eq(accounts.orgId, delegations.orgId), eq(accounts.id, delegations.delegateId)))
    .where(
      and(
        eq(delegations.orgId, mailbox.orgId),
        eq(delegations.mailboxId, mailbox.id),
        accessRules.grants("fullAccess"),
      ),
    )
    .orderBy(asc(accounts.address));
  const owner = mailbox.kind === "standard" ? [{ identifier: mailbox.address, rights: OWNER_RIGHTS }] : [];
  return [...owner, ...rows.map((r) => ({ identifier: r.address, rights: FULL_ACCESS_RIGHTS }))];
}

/**
 * LISTRIGHTS: the rights an identifier can be given on a folder. Delegation is all or nothing for
 * IMAP (Full Access or not), so a delegate's rights are one group granted together; the owner of a
 * user mailbox always holds all of them. Same readers as GETACL.
 */
export async function listRights(
  db: Db,
  actor: Actor,
  path: string,
  identifier: string,
): Promise<{ required: string; optional: string[] }> {
  const { access } = await opened(db, actor, path);
  const isOwner = access.mailbox.kind === "standard" && identifier.toLowerCase() === access.mailbox.address;
  return isOwner ? { required: OWNER_RIGHTS, optional: [] } : { required: "", optional: [FULL_ACCESS_RIGHTS] };
}
