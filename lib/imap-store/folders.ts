import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, folders, type FolderKind } from "@/db/schema";
import { mailboxesWith, requireMailboxRight, type MailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { unreadFor } from "@/lib/messages/read-state";
import { listTreeMailboxes } from "@/lib/shared-folders/pane-mailboxes";

/**
 * The IMAP view of a user's mailboxes: their own folders at the top level and, under the shared
 * namespace `Shared/<address>/`, the folders of every mailbox they have Full Access to (R17). A
 * mailbox is subscribed when it is in their folder tree (automapped or added). Every open goes
 * through `requireMailboxRight(…, "fullAccess")`, so a revoked delegation ends access at once.
 */
export const SHARED_PREFIX = "Shared";
export const SEPARATOR = "/";

export const WELL_KNOWN: Record<Exclude<FolderKind, "user">, { name: string; specialUse?: string }> = {
  inbox: { name: "INBOX" },
  drafts: { name: "Drafts", specialUse: "\\Drafts" },
  sent: { name: "Sent", specialUse: "\\Sent" },
  deleted: { name: "Trash", specialUse: "\\Trash" },
  junk: { name: "Junk", specialUse: "\\Junk" },
  archive: { name: "Archive", specialUse: "\\Archive" },
};

export type ImapFolder = {
  path: string;
  mailboxId: string;
  folderId: string;
  kind: FolderKind;
  specialUse?: string;
  subscribed: boolean;
  uidValidity: number;
  uidNext: number;
  total: number;
  unread: number;
};

export type FolderRow = {
  accountId: string;
  id: string;
  parentId: string | null;
  kind: FolderKind;
  name: string;
  uidValidity: number;
  uidNext: number;
  totalCount: number;
  unreadCount: number;
};

/** A folder name as one IMAP path segment: the separator cannot appear inside it. */
const segment = (name: string) => name.replace(/\//g, "_");

export function folderPaths(rows: FolderRow[], prefix: string): Map<string, string> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paths = new Map<string, string>();
  const pathOf = (row: FolderRow, depth = 0): string => {
    const known = paths.get(row.id);
    if (known) return known;
    const own = row.kind === "user" ? segment(row.name) : WELL_KNOWN[row.kind].name;
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    const path = parent && depth < 64 ? `${pathOf(parent, depth + 1)}${SEPARATOR}${own}` : `${prefix}${own}`;
    paths.set(row.id, path);
    return path;
  };
  for (const row of rows) pathOf(row);
  return paths;
}

export const folderColumns = {
  accountId: folders.accountId,
  id: folders.id,
  parentId: folders.parentId,
  kind: folders.kind,
  name: folders.name,
  uidValidity: folders.uidValidity,
  uidNext: folders.uidNext,
  totalCount: folders.totalCount,
  unreadCount: folders.unreadCount,
};

/** The folder columns with the reader's own unread count (where read state is per person). */
const readerFolderColumns = (readerId: string) => ({ ...folderColumns, unreadCount: unreadFor(readerId) });

/** The mailboxes (other than their own) the actor has Full Access to, by the access module's rule. */
async function fullAccessMailboxes(db: Db, actor: Actor) {
  return db
    .select({ id: accounts.id, address: accounts.address })
    .from(accounts)
    .where(and(mailboxesWith(db, actor, "fullAccess"), ne(accounts.id, actor.id)))
    .orderBy(asc(accounts.address));
}

/** Every folder the actor may see over IMAP: their own, then each Full Access mailbox's. */
export async function listImapFolders(db: Db, actor: Actor): Promise<ImapFolder[]> {
  const [shared, tree] = await Promise.all([fullAccessMailboxes(db, actor), listTreeMailboxes(db, actor)]);
  const inTree = new Set(tree.map((t) => t.mailbox.id));
  const prefixes = new Map<string, string>([[actor.id, ""]]);
  for (const m of shared)
    if (m.id !== actor.id) prefixes.set(m.id, `${SHARED_PREFIX}${SEPARATOR}${m.address}${SEPARATOR}`);
  const rows = (await db
    .select(readerFolderColumns(actor.id))
    .from(folders)
    .where(and(eq(folders.orgId, actor.orgId), inArray(folders.accountId, [...prefixes.keys()])))
    .orderBy(asc(folders.name))) as FolderRow[];
  const result: ImapFolder[] = [];
  for (const [mailboxId, prefix] of prefixes) {
    const own = rows.filter((r) => r.accountId === mailboxId);
    const paths = folderPaths(own, prefix);
    for (const row of own) {
      result.push({
        path: paths.get(row.id)!,
        mailboxId,
        folderId: row.id,
        kind: row.kind,
        specialUse: row.kind === "user" ? undefined : WELL_KNOWN[row.kind].specialUse,
        subscribed: mailboxId === actor.id || inTree.has(mailboxId),
        uidValidity: row.uidValidity,
        uidNext: row.uidNext,
        total: row.totalCount,
        unread: row.unreadCount,
      });
    }
  }
  return result;
}

/** Splits an IMAP path into the mailbox address it names and the path inside that mailbox. */
export function splitPath(actor: Actor, path: string): { address: string; inner: string } {
  const parts = path.split(SEPARATOR);
  if (parts[0] === SHARED_PREFIX && parts.length >= 3) {
    return { address: parts[1]!.toLowerCase(), inner: parts.slice(2).join(SEPARATOR) };
  }
  return { address: actor.address, inner: path };
}

/** `Shared` and `Shared/<address>`: the namespace's containers (\Noselect), never folders. */
export function isSharedContainer(path: string): boolean {
  const parts = path.split(SEPARATOR);
  return parts[0] === SHARED_PREFIX && parts.length <= 2;
}

export type OpenedFolder = { access: MailboxAccess; folder: ImapFolder };

/**
 * Resolves an IMAP path to a folder the actor may manage: the access check (Full Access) first,
 * then the folder. Null for a path that names nothing they may open (the answers are one, R12).
 */
export async function resolveImapFolder(db: Db, actor: Actor, path: string): Promise<OpenedFolder | null> {
  if (isSharedContainer(path)) return null;
  const { address, inner } = splitPath(actor, path.toUpperCase() === "INBOX" ? "INBOX" : path);
  let access: MailboxAccess;
  try {
    access = await requireMailboxRight(db, actor, { address }, "fullAccess");
  } catch {
    return null;
  }
  const rows = (await db
    .select(readerFolderColumns(actor.id))
    .from(folders)
    .where(and(eq(folders.orgId, access.mailbox.orgId), eq(folders.accountId, access.mailbox.id)))) as FolderRow[];
  const paths = folderPaths(rows, "");
  const wanted = inner.toUpperCase() === "INBOX" ? "INBOX" : inner;
  const row = rows.find((r) => paths.get(r.id) === wanted);
  if (!row) return null;
  const prefix = access.isOwner ? "" : `${SHARED_PREFIX}${SEPARATOR}${access.mailbox.address}${SEPARATOR}`;
  return {
    access,
    folder: {
      path: `${prefix}${wanted}`,
      mailboxId: access.mailbox.id,
      folderId: row.id,
      kind: row.kind,
      specialUse: row.kind === "user" ? undefined : WELL_KNOWN[row.kind].specialUse,
      subscribed: true,
      uidValidity: row.uidValidity,
      uidNext: row.uidNext,
      total: row.totalCount,
      unread: row.unreadCount,
    },
  };
}
