import { describe, expect, it } from "vitest";
import { orderFolders } from "../../lib/shared-folders/folder-order";
import type { FolderSummary } from "../../lib/mailboxes/folders";

const folder = (id: string, kind: FolderSummary["kind"], name: string, parentId: string | null = null): FolderSummary => ({
  id,
  kind,
  name,
  parentId,
  totalCount: 0,
  unreadCount: 0,
});

describe("orderFolders", () => {
  it("puts well-known folders first in their usual order, then user folders as a tree by name", () => {
    const list = [
      folder("u2", "user", "Zebra"),
      folder("s", "sent", "Sent Items"),
      folder("u1c", "user", "child", "u1"),
      folder("i", "inbox", "Inbox"),
      folder("u1", "user", "alpha"),
      folder("u1cc", "user", "grandchild", "u1c"),
    ];
    expect(orderFolders(list).map((f) => [f.id, f.depth])).toEqual([
      ["i", 0],
      ["s", 0],
      ["u1", 0],
      ["u1c", 1],
      ["u1cc", 2],
      ["u2", 0],
    ]);
  });

  it("keeps a folder whose parent is missing, at the top level", () => {
    expect(orderFolders([folder("x", "user", "Orphan", "gone")]).map((f) => f.depth)).toEqual([0]);
  });
});
