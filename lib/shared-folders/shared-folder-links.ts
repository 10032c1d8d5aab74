import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { delegations, sharedFolderLinks } from "@/db/schema";
import { requireMailboxRight } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { resolveMailboxQuery } from "./address-book";

export type AddedMailbox = { id: string; address: string; displayName: string };

/** The one answer for an unknown mailbox and for one the actor may not open (R7, R12). */
const notFoundOrNoAccess = () => new DomainError("notFound", { mailbox: ["notFound"] });

/**
 * Add shared folder (R7): puts a mailbox the actor has Full Access to in their folder tree.
 * Unknown and not-allowed get the same answer. Adding an automapped mailbox the user had removed
 * clears the removal. The delegation is never touched.
 */
export async function addSharedFolder(db: Db, actor: Actor, input: { query: string }): Promise<AddedMailbox> {
  const resolved = await resolveMailboxQuery(db, actor, input.query);
  if (!resolved) throw notFoundOrNoAccess();
  if ("ambiguous" in resolved) throw new DomainError("ambiguous", { mailbox: ["ambiguous"] });
  return db.transaction(async (tx) => {
    const access = await requireMailboxRight(tx, actor, resolved.ref, "fullAccess").catch((error: unknown) => {
      throw error instanceof DomainError ? notFoundOrNoAccess() : error;
    });
    const { mailbox } = access;
    if (access.isOwner || mailbox.id === actor.id) throw new DomainError("ownMailbox", { mailbox: ["ownMailbox"] });
    await tx
      .insert(sharedFolderLinks)
      .values({ orgId: mailbox.orgId, accountId: actor.id, mailboxId: mailbox.id, source: "manual", removed: false })
      .onConflictDoUpdate({
        target: [sharedFolderLinks.orgId, sharedFolderLinks.accountId, sharedFolderLinks.mailboxId],
        set: { source: "manual", removed: false },
      });
    await recordAudit(tx, {
      orgId: mailbox.orgId,
      actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
      mailbox: { id: mailbox.id, address: mailbox.address },
      action: "sharedFolder.add",
    });
    return { id: mailbox.id, address: mailbox.address, displayName: mailbox.displayName };
  });
}

/**
 * Remove shared folder: takes a delegated mailbox out of the actor's tree without touching the
 * delegation. An automapped one is marked removed (so automapping does not bring it back until
 * the user adds it again); an added one loses its link.
 */
export async function removeSharedFolder(db: Db, actor: Actor, input: { mailboxId: string }): Promise<AddedMailbox> {
  return db.transaction(async (tx) => {
    const access = await requireMailboxRight(tx, actor, { id: input.mailboxId }, "fullAccess");
    const { mailbox } = access;
    if (access.isOwner || mailbox.id === actor.id) throw new DomainError("ownMailbox");
    const [grant] = await tx
      .select({ automap: delegations.automap })
      .from(delegations)
      .where(
        and(
          eq(delegations.orgId, mailbox.orgId),
          eq(delegations.mailboxId, mailbox.id),
          eq(delegations.delegateId, actor.id),
        ),
      );
    if (grant?.automap) {
      await tx
        .insert(sharedFolderLinks)
        .values({ orgId: mailbox.orgId, accountId: actor.id, mailboxId: mailbox.id, source: "automap", removed: true })
        .onConflictDoUpdate({
          target: [sharedFolderLinks.orgId, sharedFolderLinks.accountId, sharedFolderLinks.mailboxId],
          set: { source: "automap", removed: true },
        });
    } else {
      await tx
        .delete(sharedFolderLinks)
        .where(
          and(
            eq(sharedFolderLinks.orgId, mailbox.orgId),
            eq(sharedFolderLinks.accountId, actor.id),
            eq(sharedFolderLinks.mailboxId, mailbox.id),
          ),
        );
    }
    await recordAudit(tx, {
      orgId: mailbox.orgId,
      actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
      mailbox: { id: mailbox.id, address: mailbox.address },
      action: "sharedFolder.remove",
    });
    return { id: mailbox.id, address: mailbox.address, displayName: mailbox.displayName };
  });
}
