import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folderCollapsed, folders, paneCollapsed } from "@/db/schema";
import { requireMailboxRight } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";

/**
 * Collapses or expands a mailbox in the actor's own folder pane (as Outlook on the web does): their
 * own mailbox or one they may open (Full Access). Anyone else's mailbox is notFound (R12); the
 * choice is the actor's alone and changes nothing for anyone else.
 */
export async function setPaneCollapsed(
  db: Db,
  actor: Actor,
  input: { mailboxId: string; collapsed: boolean },
): Promise<void> {
  const access = await requireMailboxRight(db, actor, { id: input.mailboxId }, "fullAccess");
  const row = { orgId: actor.orgId, accountId: actor.id, mailboxId: access.mailbox.id };
  if (input.collapsed) await db.insert(paneCollapsed).values(row).onConflictDoNothing();
  else
    await db
      .delete(paneCollapsed)
      .where(and(eq(paneCollapsed.accountId, actor.id), eq(paneCollapsed.mailboxId, access.mailbox.id)));
}

/**
 * Collapses or expands a folder (its subfolders) in the actor's own folder pane, under the same rule:
 * a folder of their own mailbox or of one they may open; any other folder is notFound (R12).
 */
export async function setFolderCollapsed(
  db: Db,
  actor: Actor,
  input: { folderId: string; collapsed: boolean },
): Promise<void> {
  const [folder] = await db
    .select({ id: folders.id, accountId: folders.accountId })
    .from(folders)
    .where(and(eq(folders.orgId, actor.orgId), eq(folders.id, input.folderId)));
  if (!folder) throw new DomainError("notFound");
  await requireMailboxRight(db, actor, { id: folder.accountId }, "fullAccess");
  const row = { orgId: actor.orgId, accountId: actor.id, folderId: folder.id };
  if (input.collapsed) await db.insert(folderCollapsed).values(row).onConflictDoNothing();
  else
    await db
      .delete(folderCollapsed)
      .where(and(eq(folderCollapsed.accountId, actor.id), eq(folderCollapsed.folderId, folder.id)));
}
