import "server-only";
import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import type { MailboxAccess } from "@/lib/access/mailbox-access";
import { DomainError } from "@/lib/errors";
import { subtreeIds } from "@/lib/mailboxes/folder-hierarchy";
import { selectFolders } from "@/lib/mailboxes/folders";

/**
 * Deleting for good in a mailbox under delete protection (a shared mailbox's setting, issue 18):
 * its delegates' deletes still go to Deleted Items, but nothing leaves Deleted Items by their hand —
 * not a delete there, not emptying it, not deleting a folder inside it, not an IMAP EXPUNGE. The
 * admin empties it from the admin area (lib/admin/shared/empty-deleted-items.ts). Call it inside
 * the transaction, before or after the purge: a refusal rolls the whole action back.
 */
export function refusePurgeIfProtected(access: MailboxAccess, purged: number): void {
  if (purged > 0 && access.mailbox.deleteProtection && !access.isOwner) throw new DomainError("deleteProtected");
}

/**
 * IMAP EXPUNGE in a protected mailbox, for a delegate: the \Deleted messages of a folder outside
 * Deleted Items go to Deleted Items (their \Deleted mark cleared) instead of being deleted for good,
 * as the webmail's Delete does; in Deleted Items (or a folder inside it) the expunge is refused.
 * False when the mailbox is not protected (the caller purges as usual).
 */
export async function expungeIntoDeletedItems(
  tx: Db,
  access: MailboxAccess,
  folderId: string,
  condition: SQL,
): Promise<boolean> {
  if (!access.mailbox.deleteProtection || access.isOwner) return false;
  const list = await selectFolders(tx, access.mailbox);
  const deleted = list.find((f) => f.kind === "deleted");
  if (!deleted) throw new Error(`mailbox ${access.mailbox.id} has no Deleted Items`);
  if (subtreeIds(list, deleted.id).has(folderId)) throw new DomainError("deleteProtected");
  await tx.update(messages).set({ folderId: deleted.id, deleted: false }).where(condition);
  return true;
}
