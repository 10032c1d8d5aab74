import { FOLDER_KINDS, type FolderKind } from "@/db/schema";
import type { FolderSummary } from "@/lib/mailboxes/folders";

const ORDER: FolderKind[] = [...FOLDER_KINDS, "user"];

export type OrderedFolder = FolderSummary & { depth: number };

/**
 * A mailbox's folders in tree order: the well-known ones in their usual order, then the user
 * folders by name, each followed by its subfolders (depth 1, 2, …). A folder whose parent is
 * missing is shown at the top level rather than lost.
 */
export function orderFolders(list: FolderSummary[]): OrderedFolder[] {
  const ids = new Set(list.map((f) => f.id));
  const children = new Map<string | null, FolderSummary[]>();
  for (const f of list) {
    const parent = f.parentId && ids.has(f.parentId) ? f.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), f]);
  }
  const compare = (a: FolderSummary, b: FolderSummary) =>
    ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.name.localeCompare(b.name);
  const out: OrderedFolder[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const f of (children.get(parent) ?? []).sort(compare)) {
      out.push({ ...f, depth });
      if (depth < 32) visit(f.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
