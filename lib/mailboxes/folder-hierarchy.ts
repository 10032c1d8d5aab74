import { FOLDER_KINDS, type FolderKind } from "./folder-kinds";

/**
 * Pure helpers over one mailbox's folder list (no database): the nested tree the folder pane
 * shows, subtrees for moves and deletes, and the paths the "Move to" menus name.
 */
export type TreeFolder = { id: string; parentId: string | null; kind: FolderKind; name: string };
export type FolderNode<F extends TreeFolder> = { folder: F; depth: number; children: FolderNode<F>[] };

/** Deepest nesting a user folder may reach (a top-level folder is depth 0). */
export const MAX_FOLDER_DEPTH = 8;

const ORDER: FolderKind[] = [...FOLDER_KINDS, "user"];

function compare(a: TreeFolder, b: TreeFolder): number {
  const byKind = ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind);
  return byKind !== 0 ? byKind : a.name.localeCompare(b.name, undefined, { sensitivity: "base" });
}

/** Well-known folders first in their usual order, then user folders by name, children nested. */
export function buildFolderTree<F extends TreeFolder>(list: F[]): FolderNode<F>[] {
  const ids = new Set(list.map((f) => f.id));
  const byParent = new Map<string | null, F[]>();
  for (const f of list) {
    const parent = f.parentId && ids.has(f.parentId) ? f.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), f]);
  }
  const build = (parent: string | null, depth: number): FolderNode<F>[] =>
    (byParent.get(parent) ?? [])
      .sort(compare)
      .map((folder) => ({ folder, depth, children: build(folder.id, depth + 1) }));
  return build(null, 0);
}

/** The tree flattened in display order, each folder with its depth. */
export function flattenTree<F extends TreeFolder>(nodes: FolderNode<F>[]): Array<{ folder: F; depth: number }> {
  return nodes.flatMap((n) => [{ folder: n.folder, depth: n.depth }, ...flattenTree(n.children)]);
}

/** The folder and every folder below it. */
export function subtreeIds(list: TreeFolder[], rootId: string): Set<string> {
  const result = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of list) {
      if (f.parentId && result.has(f.parentId) && !result.has(f.id)) {
        result.add(f.id);
        grew = true;
      }
    }
  }
  return result;
}

/** The folder's ancestors, nearest first (stops on a cycle, which the domain never creates). */
export function ancestorsOf<F extends TreeFolder>(list: F[], id: string): F[] {
  const byId = new Map(list.map((f) => [f.id, f]));
  const result: F[] = [];
  const seen = new Set([id]);
  let current = byId.get(id)?.parentId ?? null;
  while (current && !seen.has(current)) {
    const folder = byId.get(current);
    if (!folder) break;
    result.push(folder);
    seen.add(current);
    current = folder.parentId;
  }
  return result;
}

/** Depth of a folder: 0 at the top level. */
export const depthOf = (list: TreeFolder[], id: string) => ancestorsOf(list, id).length;

/** How many levels a subtree spans below its root (0 for a leaf). */
export function subtreeHeight(list: TreeFolder[], rootId: string): number {
  const children = list.filter((f) => f.parentId === rootId);
  return children.length === 0 ? 0 : 1 + Math.max(...children.map((c) => subtreeHeight(list, c.id)));
}

/** Is the folder Deleted Items or inside it? Deleting there is permanent. */
export function isInDeletedItems(list: TreeFolder[], id: string): boolean {
  const folder = list.find((f) => f.id === id);
  if (!folder) return false;
  return folder.kind === "deleted" || ancestorsOf(list, id).some((f) => f.kind === "deleted");
}

/** "Inbox / Projects / 2026", with the caller's naming of well-known folders. */
export function folderPath<F extends TreeFolder>(list: F[], id: string, nameOf: (f: F) => string): string {
  const folder = list.find((f) => f.id === id);
  if (!folder) return "";
  return [...ancestorsOf(list, id).reverse(), folder].map(nameOf).join(" / ");
}

/** A folder's fold in the pane: no subfolders, subfolders shown, subfolders hidden. */
export type Fold = 0 | 1 | 2;

/**
 * The folders the pane shows, in tree order with their depth and fold: a collapsed folder's
 * subfolders are left out, unless the open folder is among them (its ancestors show open, as in
 * Outlook on the web, without changing what is remembered).
 */
export function visibleFolders<F extends TreeFolder>(
  list: F[],
  collapsed: ReadonlySet<string>,
  openId: string | null,
): Array<{ folder: F; depth: number; fold: Fold }> {
  const keepOpen = new Set(openId ? ancestorsOf(list, openId).map((f) => f.id) : []);
  const walk = (nodes: FolderNode<F>[]): Array<{ folder: F; depth: number; fold: Fold }> =>
    nodes.flatMap((n) => {
      const shut = n.children.length > 0 && collapsed.has(n.folder.id) && !keepOpen.has(n.folder.id);
      const fold: Fold = n.children.length === 0 ? 0 : shut ? 2 : 1;
      return [{ folder: n.folder, depth: n.depth, fold }, ...(shut ? [] : walk(n.children))];
    });
  return walk(buildFolderTree(list));
}
