import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, FOLDER_KINDS, folders, type Folder, type WellKnownFolder } from "@/db/schema";
import { DomainError } from "@/lib/errors";

/**
 * Mailboxes and folders as the operator names them on the command line: a mailbox by address,
 * a folder by kind ("inbox", "sent", …) or by path of names ("Inbox/Projects/2024").
 * No actor here: the command line runs as the operator of the installation.
 */
export type TargetMailbox = { id: string; orgId: string; address: string; kind: "standard" | "shared" };

export async function findMailbox(db: Db, address: string): Promise<TargetMailbox> {
  const [row] = await db
    .select({ id: accounts.id, orgId: accounts.orgId, address: accounts.address, kind: accounts.kind })
    .from(accounts)
    .where(eq(accounts.address, address.trim().toLowerCase()));
  if (!row) throw new DomainError("unknownMailbox", undefined, { address });
  return row;
}

export type FolderTree = { mailbox: TargetMailbox; folders: Folder[] };

export async function loadFolderTree(db: Db, mailbox: TargetMailbox): Promise<FolderTree> {
  const rows = await db
    .select()
    .from(folders)
    .where(and(eq(folders.orgId, mailbox.orgId), eq(folders.accountId, mailbox.id)));
  return { mailbox, folders: rows };
}

/** Folder names compare as the database's unique index does: lower(name). */
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const splitFolderPath = (ref: string) =>
  ref
    .split("/")
    .map((s) => s.trim())
    .filter(Boolean);

function child(tree: FolderTree, parentId: string | null, name: string): Folder | undefined {
  return tree.folders.find((f) => f.parentId === parentId && same(f.name, name));
}

/** Finds a folder by kind or by path; null when (some of) the path does not exist. */
export function findFolder(tree: FolderTree, ref: string): Folder | null {
  const kind = ref.trim().toLowerCase();
  if ((FOLDER_KINDS as readonly string[]).includes(kind)) return tree.folders.find((f) => f.kind === kind) ?? null;
  let current: Folder | undefined;
  for (const name of splitFolderPath(ref)) {
    current = child(tree, current?.id ?? null, name);
    if (!current) return null;
  }
  return current ?? null;
}

export function requireFolder(tree: FolderTree, ref: string): Folder {
  const folder = findFolder(tree, ref);
  if (!folder) throw new DomainError("unknownFolder", undefined, { folder: ref, address: tree.mailbox.address });
  return folder;
}

/** The names from the top of the mailbox down to this folder. */
export function folderPath(tree: FolderTree, folder: Folder): string[] {
  const names: string[] = [];
  for (let f: Folder | undefined = folder; f; f = tree.folders.find((p) => p.id === f!.parentId)) names.unshift(f.name);
  return names;
}

export function folderNameProblem(name: string): string | null {
  if (!name.trim()) return "a folder name is empty";
  if (name.length > 255) return `folder name too long: ${name.slice(0, 40)}…`;
  if (/[\u0000-\u001f\u007f/]/.test(name))
    return `folder name with a control character or "/": ${JSON.stringify(name)}`;
  return null;
}

/** Finds or creates the user folders `names` below `parent` (null: top of the mailbox). */
export async function ensureFolderPath(
  db: Db,
  tree: FolderTree,
  parent: Folder | null,
  names: string[],
): Promise<Folder> {
  let current = parent;
  for (const raw of names) {
    const name = raw.trim();
    const problem = folderNameProblem(name);
    if (problem) throw new DomainError("invalidFolder", undefined, { detail: problem });
    const existing = child(tree, current?.id ?? null, name);
    if (existing) {
      current = existing;
      continue;
    }
    const { orgId, id: accountId } = tree.mailbox;
    const [created] = await db
      .insert(folders)
      .values({ orgId, accountId, parentId: current?.id ?? null, kind: "user", name })
      .onConflictDoNothing()
      .returning();
    const folder =
      created ??
      (
        await db
          .select()
          .from(folders)
          .where(
            and(
              eq(folders.orgId, orgId),
              eq(folders.accountId, accountId),
              current ? eq(folders.parentId, current.id) : sql`${folders.parentId} is null`,
              eq(sql`lower(${folders.name})`, name.toLowerCase()),
            ),
          )
      )[0];
    if (!folder) throw new Error(`folder ${name} could not be created`);
    tree.folders.push(folder);
    current = folder;
  }
  if (!current) throw new DomainError("invalidFolder", undefined, { detail: "no folder named" });
  return current;
}

/** Maildir++ names of the well-known folders, as mail programs and servers write them. */
const ALIASES: Record<WellKnownFolder, string[]> = {
  inbox: ["inbox", "boîte de réception"],
  drafts: ["drafts", "brouillons"],
  sent: ["sent", "sent items", "sent messages", "sent mail", "envoyés", "éléments envoyés", "messages envoyés"],
  deleted: ["trash", "deleted", "deleted items", "deleted messages", "corbeille", "éléments supprimés"],
  junk: ["junk", "spam", "junk email", "junk e-mail", "courrier indésirable", "indésirables"],
  archive: ["archive", "archives"],
};

export function wellKnownKindOf(name: string): WellKnownFolder | null {
  const lower = name.trim().toLowerCase();
  return (Object.keys(ALIASES) as WellKnownFolder[]).find((k) => ALIASES[k].includes(lower)) ?? null;
}

/**
 * Where a message of source folder `segments` goes. With an explicit target, below it. Without
 * one (Maildir's own layout): the top to Inbox, "Sent", "Trash"… to the well-known folders, other
 * folders to user folders at the top of the mailbox.
 */
export async function folderFor(db: Db, tree: FolderTree, target: Folder | null, segments: string[]): Promise<Folder> {
  if (target) return segments.length ? ensureFolderPath(db, tree, target, segments) : target;
  if (segments.length === 0) return requireFolder(tree, "inbox");
  const kind = wellKnownKindOf(segments[0]!);
  if (kind) {
    const base = requireFolder(tree, kind);
    return segments.length > 1 ? ensureFolderPath(db, tree, base, segments.slice(1)) : base;
  }
  return ensureFolderPath(db, tree, null, segments);
}
