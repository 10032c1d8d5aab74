import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { FOLDER_KINDS, folders, type Folder, type FolderKind } from "@/db/schema";
import { requireMailboxRight, type MailboxAccess, type MailboxRef } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";

export type FolderSummary = Pick<Folder, "id" | "parentId" | "kind" | "name" | "totalCount" | "unreadCount">;

const ORDER: FolderKind[] = [...FOLDER_KINDS, "user"];

/** The URL segment of a folder: its kind when well-known, else its id. */
export const folderSegment = (folder: Pick<Folder, "id" | "kind">) => (folder.kind === "user" ? folder.id : folder.kind);

/** A mailbox's folders (Full Access), well-known first in their usual order, then by name. */
export async function listFolders(
  db: Db,
  actor: Actor,
  mailbox: MailboxRef,
): Promise<{ access: MailboxAccess; folders: FolderSummary[] }> {
  const access = await requireMailboxRight(db, actor, mailbox, "fullAccess");
  const rows = await db
    .select({
      id: folders.id,
      parentId: folders.parentId,
      kind: folders.kind,
      name: folders.name,
      totalCount: folders.totalCount,
      unreadCount: folders.unreadCount,
    })
    .from(folders)
    .where(and(eq(folders.orgId, access.mailbox.orgId), eq(folders.accountId, access.mailbox.id)))
    .orderBy(asc(folders.name));
  rows.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return { access, folders: rows };
}

/** Finds a folder of an accessible mailbox by its URL segment; notFound otherwise. */
export function findFolder(list: FolderSummary[], segment: string): FolderSummary {
  const folder = list.find((f) => folderSegment(f) === segment);
  if (!folder) throw new DomainError("notFound");
  return folder;
}
