import { describe, expect, it } from "vitest";
import { visibleFolders, type TreeFolder } from "../../lib/mailboxes/folder-hierarchy";

const folder = (id: string, parentId: string | null, kind: TreeFolder["kind"] = "user"): TreeFolder => ({
  id,
  parentId,
  kind,
  name: id,
});

// Inbox > Clients > Acme; Inbox > Projects; Sent Items.
const list = [
  folder("inbox", null, "inbox"),
  folder("Clients", "inbox"),
  folder("Acme", "Clients"),
  folder("Projects", "inbox"),
  folder("sent", null, "sent"),
];
const shown = (collapsed: string[], openId: string | null = null) =>
  visibleFolders(list, new Set(collapsed), openId).map((f) => `${f.folder.id}:${f.depth}:${f.fold}`);

describe("the folders the pane shows", () => {
  it("every folder when none is collapsed, with a fold on those that have subfolders", () => {
    expect(shown([])).toEqual(["inbox:0:1", "Clients:1:1", "Acme:2:0", "Projects:1:0", "sent:0:0"]);
  });

  it("leaves out a collapsed folder's subfolders, however deep", () => {
    expect(shown(["inbox"])).toEqual(["inbox:0:2", "sent:0:0"]);
    expect(shown(["Clients"])).toEqual(["inbox:0:1", "Clients:1:2", "Projects:1:0", "sent:0:0"]);
  });

  it("a collapsed folder without subfolders has nothing to hide", () => {
    expect(shown(["Projects", "sent"])).toEqual(shown([]));
  });

  it("shows the open folder even inside a collapsed one: its ancestors show open", () => {
    expect(shown(["inbox", "Clients"], "Acme")).toEqual(shown([]));
    expect(shown(["inbox", "Clients"], "Projects")).toEqual(["inbox:0:1", "Clients:1:2", "Projects:1:0", "sent:0:0"]);
  });
});
