import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders } from "@/db/schema";
import { requireMailboxRight, type MailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError, fieldError } from "@/lib/errors";
import { formText } from "@/lib/forms/form-fields";
import { createFolder, deleteFolder, moveFolder, renameFolder } from "@/lib/mailboxes/manage-folders";
import {
  folderColumns,
  folderPaths,
  isSharedContainer,
  resolveImapFolder,
  SEPARATOR,
  SHARED_PREFIX,
  splitPath,
  WELL_KNOWN,
  type FolderRow,
} from "./folders";

/**
 * CREATE, RENAME and DELETE over IMAP: the webmail's folder management (lib/mailboxes/manage-folders)
 * with its rules — Full Access on the mailbox (R4, R12), well-known folders never renamed or
 * deleted, names of at most 100 characters without control characters, at most 8 levels, a
 * deletion's mail kept in Deleted Items and audited when done by a delegate — plus what the IMAP
 * view needs: `/` separates levels, and a top-level name of the own mailbox may not be one of the
 * names the IMAP view gives the well-known folders (INBOX, Drafts, Sent, Trash, Junk, Archive) or
 * the shared namespace's `Shared`. Each command is one transaction (the webmail's functions run
 * inside it as savepoints): a CREATE of `a/b/c` makes the missing levels or nothing.
 */
const folderName = formText(100);

const RESERVED = new Set(
  [SHARED_PREFIX, ...Object.values(WELL_KNOWN).map((w) => w.name)].map((n) => n.toLocaleLowerCase()),
);

type Target = { address: string; segments: string[] };

/** Where a path points: the mailbox (by address) and the folder names from its top level down. */
function target(actor: Actor, path: string): Target {
  if (isSharedContainer(path)) throw new DomainError("reservedFolderName");
  const { address, inner } = splitPath(actor, path);
  const segments = inner.split(SEPARATOR);
  if (segments[0]!.toUpperCase() === "INBOX") segments[0] = "INBOX";
  for (const segment of segments) {
    const parsed = folderName.safeParse(segment);
    if (!parsed.success || parsed.data !== segment) {
      throw fieldError("name", (parsed.error?.issues[0]?.message ?? "invalid") as "invalid");
    }
  }
  return { address, segments };
}

type Tree = { access: MailboxAccess; rows: FolderRow[]; paths: Map<string, string> };

async function loadTree(tx: Db, actor: Actor, address: string): Promise<Tree> {
  const access = await requireMailboxRight(tx, actor, { address }, "fullAccess");
  const rows = (await tx
    .select(folderColumns)
    .from(folders)
    .where(and(eq(folders.orgId, access.mailbox.orgId), eq(folders.accountId, access.mailbox.id)))) as FolderRow[];
  return { access, rows, paths: folderPaths(rows, "") };
}

/** The folder at an inner path (IMAP names are case-sensitive, INBOX aside: `target` spells it so). */
const byPath = (tree: Tree, path: string) => tree.rows.find((r) => tree.paths.get(r.id) === path);

/** Inside the caller's transaction: the folder at `segments` (made level by level where missing). */
async function ensurePath(tx: Db, actor: Actor, address: string, segments: string[]): Promise<string | null> {
  let parentId: string | null = null;
  for (let i = 0; i < segments.length; i++) {
    const tree = await loadTree(tx, actor, address);
    const existing = byPath(tree, segments.slice(0, i + 1).join(SEPARATOR));
    if (existing) {
      parentId = existing.id;
      continue;
    }
    if (i === 0 && tree.access.isOwner && RESERVED.has(segments[0]!.toLocaleLowerCase())) {
      throw new DomainError("reservedFolderName");
    }
    const made = await createFolder(tx, actor, { id: tree.access.mailbox.id }, { name: segments[i]!, parentId });
    parentId = made.folderId;
  }
  return parentId;
}

/** CREATE: a new folder (and any missing level above it) in the actor's mailbox or a Full Access one. */
export async function createImapFolder(db: Db, actor: Actor, path: string): Promise<void> {
  const { address, segments } = target(actor, path);
  await db.transaction(async (tx) => {
    const tree = await loadTree(tx, actor, address);
    if (byPath(tree, segments.join(SEPARATOR))) throw fieldError("name", "folderNameTaken");
    await ensurePath(tx, actor, address, segments);
  });
}

/**
 * RENAME: a user folder's new name and/or place, within its mailbox (a folder cannot change
 * mailbox: that would be a copy of all its mail). Its subfolders follow it.
 */
export async function renameImapFolder(db: Db, actor: Actor, from: string, to: string): Promise<void> {
  const source = await resolveImapFolder(db, actor, from);
  if (!source) throw new DomainError("notFound");
  if (source.folder.kind !== "user") throw new DomainError("wellKnownFolder");
  const { address, segments } = target(actor, to);
  if (address.toLowerCase() !== source.access.mailbox.address) throw new DomainError("crossMailboxRename");
  const ref = { id: source.access.mailbox.id };
  const folderId = source.folder.folderId;
  await db.transaction(async (tx) => {
    const tree = await loadTree(tx, actor, address);
    if (byPath(tree, segments.join(SEPARATOR))) throw fieldError("name", "folderNameTaken");
    const name = segments[segments.length - 1]!;
    const row = tree.rows.find((r) => r.id === folderId);
    if (!row) throw new DomainError("notFound");
    if (segments.length === 1 && tree.access.isOwner && RESERVED.has(name.toLocaleLowerCase())) {
      throw new DomainError("reservedFolderName");
    }
    const parentId = await ensurePath(tx, actor, address, segments.slice(0, -1));
    if (name !== row.name) await renameFolder(tx, actor, ref, { folderId, name });
    if (parentId !== row.parentId) await moveFolder(tx, actor, ref, { folderId, parentId });
  });
}

/**
 * DELETE: a user folder without subfolders (as Dovecot, a client deletes the levels below first,
 * so one command never takes a subtree the client did not name). Its mail goes to the mailbox's
 * Deleted Items, or is deleted for good inside Deleted Items — the webmail's rule, audited alike.
 */
export async function deleteImapFolder(db: Db, actor: Actor, path: string): Promise<void> {
  const opened = await resolveImapFolder(db, actor, path);
  if (!opened) throw new DomainError("notFound");
  if (opened.folder.kind !== "user") throw new DomainError("wellKnownFolder");
  const ref = { id: opened.access.mailbox.id };
  await db.transaction(async (tx) => {
    const tree = await loadTree(tx, actor, opened.access.mailbox.address);
    if (tree.rows.some((r) => r.parentId === opened.folder.folderId)) throw new DomainError("folderHasChildren");
    await deleteFolder(tx, actor, ref, { folderId: opened.folder.folderId });
  });
}
