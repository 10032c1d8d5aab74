import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders, messages } from "@/db/schema";
import { requireMailboxRight, type MailboxAccess, type MailboxRef } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, fieldError } from "@/lib/errors";
import { refusePurgeIfProtected } from "@/lib/messages/delete-protection";
import { purgeMessages } from "@/lib/messages/purge";
import { depthOf, isInDeletedItems, MAX_FOLDER_DEPTH, subtreeHeight, subtreeIds } from "./folder-hierarchy";
import { lockFolderStructure, selectFolders, type FolderSummary } from "./folders";

/**
 * Creating, renaming, moving and deleting user folders (R4: Full Access may manage every folder).
 * Well-known folders are never renamed, moved or deleted. Each change is one transaction that
 * holds the mailbox's folder-structure lock.
 */
export type FolderChange = { folderId: string };

const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === UNIQUE_VIOLATION) return true;
  }
  return false;
}

type Ctx = { tx: Db; access: MailboxAccess; list: FolderSummary[] };

async function withFolders<T>(db: Db, actor: Actor, ref: MailboxRef, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const access = await requireMailboxRight(tx, actor, ref, "fullAccess");
    await lockFolderStructure(tx, access.mailbox.id);
    const list = await selectFolders(tx, access.mailbox);
    try {
      return await work({ tx, access, list });
    } catch (error) {
      if (isUniqueViolation(error)) throw fieldError("name", "folderNameTaken");
      throw error;
    }
  });
}

function userFolder(list: FolderSummary[], id: string): FolderSummary {
  const folder = list.find((f) => f.id === id);
  if (!folder) throw new DomainError("notFound");
  if (folder.kind !== "user") throw new DomainError("wellKnownFolder");
  return folder;
}

function parentFolder(list: FolderSummary[], parentId: string | null): FolderSummary | null {
  if (!parentId) return null;
  const parent = list.find((f) => f.id === parentId);
  if (!parent) throw fieldError("parentId", "notFound");
  return parent;
}

function assertNameFree(list: FolderSummary[], parentId: string | null, name: string, exceptId?: string) {
  const lower = name.toLocaleLowerCase();
  const clash = list.some(
    (f) => f.id !== exceptId && (f.parentId ?? null) === parentId && f.name.toLocaleLowerCase() === lower,
  );
  if (clash) throw fieldError("name", "folderNameTaken");
}

export async function createFolder(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  input: { name: string; parentId: string | null },
): Promise<FolderChange> {
  return withFolders(db, actor, ref, async ({ tx, access, list }) => {
    const parent = parentFolder(list, input.parentId);
    if (parent && depthOf(list, parent.id) + 1 > MAX_FOLDER_DEPTH) {
      throw fieldError("parentId", "folderTooDeep", { max: MAX_FOLDER_DEPTH });
    }
    assertNameFree(list, parent?.id ?? null, input.name);
    const [row] = await tx
      .insert(folders)
      .values({
        orgId: access.mailbox.orgId,
        accountId: access.mailbox.id,
        parentId: parent?.id ?? null,
        kind: "user",
        name: input.name,
      })
      .returning({ id: folders.id });
    return { folderId: row!.id };
  });
}

export async function renameFolder(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  input: { folderId: string; name: string },
): Promise<FolderChange> {
  return withFolders(db, actor, ref, async ({ tx, access, list }) => {
    const folder = userFolder(list, input.folderId);
    assertNameFree(list, folder.parentId, input.name, folder.id);
    await tx
      .update(folders)
      .set({ name: input.name })
      .where(
        and(
          eq(folders.orgId, access.mailbox.orgId),
          eq(folders.accountId, access.mailbox.id),
          eq(folders.id, folder.id),
        ),
      );
    return { folderId: folder.id };
  });
}

/** Moves a user folder (with what is below it) under another folder of the mailbox, or to the top. */
export async function moveFolder(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  input: { folderId: string; parentId: string | null },
): Promise<FolderChange> {
  return withFolders(db, actor, ref, async ({ tx, access, list }) => {
    const folder = userFolder(list, input.folderId);
    const parent = parentFolder(list, input.parentId);
    if (parent && subtreeIds(list, folder.id).has(parent.id)) throw fieldError("parentId", "folderCycle");
    const newDepth = parent ? depthOf(list, parent.id) + 1 : 0;
    if (newDepth + subtreeHeight(list, folder.id) > MAX_FOLDER_DEPTH) {
      throw fieldError("parentId", "folderTooDeep", { max: MAX_FOLDER_DEPTH });
    }
    assertNameFree(list, parent?.id ?? null, folder.name, folder.id);
    await tx
      .update(folders)
      .set({ parentId: parent?.id ?? null })
      .where(
        and(
          eq(folders.orgId, access.mailbox.orgId),
          eq(folders.accountId, access.mailbox.id),
          eq(folders.id, folder.id),
        ),
      );
    return { folderId: folder.id };
  });
}

/**
 * Deletes a user folder and the folders below it. Their mail goes to the mailbox's own Deleted
 * Items (R6), or is deleted for good (freeing quota) when the folder is already inside Deleted Items.
 */
export async function deleteFolder(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  input: { folderId: string },
): Promise<{ moved: number; purged: number }> {
  return withFolders(db, actor, ref, async ({ tx, access, list }) => {
    const folder = userFolder(list, input.folderId);
    const ids = [...subtreeIds(list, folder.id)];
    const { orgId, id: mailboxId } = access.mailbox;
    const inSubtree = and(
      eq(messages.orgId, orgId),
      eq(messages.accountId, mailboxId),
      inArray(messages.folderId, ids),
    );
    let moved = 0;
    let purged = 0;
    if (isInDeletedItems(list, folder.id)) {
      purged = (await purgeMessages(tx, access.mailbox, inArray(messages.folderId, ids))).count;
      refusePurgeIfProtected(access, purged);
    } else {
      const deleted = list.find((f) => f.kind === "deleted");
      if (!deleted) throw new Error(`mailbox ${mailboxId} has no Deleted Items`);
      moved = (await tx.update(messages).set({ folderId: deleted.id }).where(inSubtree).returning({ id: messages.id }))
        .length;
    }
    await tx
      .delete(folders)
      .where(and(eq(folders.orgId, orgId), eq(folders.accountId, mailboxId), eq(folders.id, folder.id)));
    if (!access.isOwner) {
      await recordAudit(tx, {
        orgId,
        actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
        mailbox: { id: mailboxId, address: access.mailbox.address },
        action: "mail.delete",
        details: { folder: folder.name, folders: ids.length, count: moved + purged, moved, purged },
      });
    }
    return { moved, purged };
  });
}
