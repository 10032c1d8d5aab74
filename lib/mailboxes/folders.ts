import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders, type Folder } from "@/db/schema";
import type { AccessibleMailbox } from "@/lib/access/mailbox-access";
import { DomainError } from "@/lib/errors";
import { unreadFor } from "@/lib/messages/read-state";
import { buildFolderTree, flattenTree } from "./folder-hierarchy";
import { folderSegment } from "./folder-kinds";

export type FolderSummary = Pick<Folder, "id" | "parentId" | "kind" | "name" | "totalCount" | "unreadCount">;

export { folderSegment } from "./folder-kinds";

/**
 * A mailbox's folders, no access check: for callers that have just made it. With `readerId`, the
 * unread counts are that reader's own where the mailbox's read state is per person.
 */
export async function selectFolders(
  db: Db,
  mailbox: Pick<AccessibleMailbox, "id" | "orgId"> & { readPerPerson?: boolean },
  readerId?: string,
): Promise<FolderSummary[]> {
  const rows = await db
    .select({
      id: folders.id,
      parentId: folders.parentId,
      kind: folders.kind,
      name: folders.name,
      totalCount: folders.totalCount,
      unreadCount: unreadFor(mailbox.readPerPerson && readerId ? readerId : null),
    })
    .from(folders)
    .where(and(eq(folders.orgId, mailbox.orgId), eq(folders.accountId, mailbox.id)))
    .orderBy(asc(folders.name));
  return flattenTree(buildFolderTree(rows)).map((n) => n.folder);
}

/**
 * Serialises changes to one mailbox's folder structure (create, rename, move, delete) for the rest
 * of the transaction, so two concurrent moves can never build a cycle. Mail delivery is not held.
 */
export async function lockFolderStructure(tx: Db, mailboxId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`folders:${mailboxId}`}, 0))`);
}

/** Finds a folder of an accessible mailbox by its URL segment; notFound otherwise. */
export function findFolder(list: FolderSummary[], segment: string): FolderSummary {
  const folder = list.find((f) => folderSegment(f) === segment);
  if (!folder) throw new DomainError("notFound");
  return folder;
}
