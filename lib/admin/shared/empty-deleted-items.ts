import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, folders, messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { subtreeIds } from "@/lib/mailboxes/folder-hierarchy";
import { selectFolders, type FolderSummary } from "@/lib/mailboxes/folders";
import { analyzeAfterBulkWrite } from "@/lib/messages/planner-statistics";
import { purgeMessages } from "@/lib/messages/purge";
import { requireAdmin } from "../require-admin";

function deletedSubtree(list: FolderSummary[]): string[] {
  const deleted = list.find((f) => f.kind === "deleted");
  return deleted ? [...subtreeIds(list, deleted.id)] : [];
}

async function sharedMailbox(db: Db, actor: Actor, id: string) {
  requireAdmin(actor);
  const [mailbox] = await db
    .select({ id: accounts.id, orgId: accounts.orgId, address: accounts.address })
    .from(accounts)
    .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, id), eq(accounts.kind, "shared")));
  if (!mailbox) throw new DomainError("notFound");
  return mailbox;
}

/** How many messages a shared mailbox's Deleted Items (and its folders) hold, from the folder counters. */
export async function deletedItemsCount(db: Db, actor: Actor, id: string): Promise<number> {
  const mailbox = await sharedMailbox(db, actor, id);
  const ids = deletedSubtree(await selectFolders(db, mailbox));
  if (ids.length === 0) return 0;
  const [row] = await db
    .select({ count: sql<number>`coalesce(sum(${folders.totalCount}), 0)`.mapWith(Number) })
    .from(folders)
    .where(and(eq(folders.orgId, mailbox.orgId), inArray(folders.id, ids)));
  return row?.count ?? 0;
}

/**
 * The admin empties a shared mailbox's Deleted Items (and the folders inside it) for good: what its
 * delegates may not do when the mailbox is protected against deletion. Its quota is given back;
 * the admin's purge is in the mailbox's audit trail. The admin never reads the messages.
 */
export async function emptySharedDeletedItems(db: Db, actor: Actor, id: string): Promise<{ count: number }> {
  const result = await db.transaction(async (tx) => {
    const mailbox = await sharedMailbox(tx, actor, id);
    const ids = deletedSubtree(await selectFolders(tx, mailbox));
    if (ids.length === 0) return { count: 0 };
    const { count, bytes } = await purgeMessages(tx, mailbox, inArray(messages.folderId, ids));
    if (count > 0) {
      await recordAudit(tx, {
        orgId: mailbox.orgId,
        actor,
        mailbox,
        action: "mail.delete",
        details: { count, purged: count, freedBytes: bytes, emptied: "Deleted Items" },
      });
    }
    return { count };
  });
  await analyzeAfterBulkWrite(db, result.count);
  return result;
}
