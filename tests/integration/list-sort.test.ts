import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { messages, type Account } from "../../db/schema";
import { getMailboxAccess } from "../../lib/access/mailbox-access";
import { selectFolders } from "../../lib/mailboxes/folders";
import { loadListView } from "../../lib/mailboxes/mail-view";
import { listFolderPage, pageQuery, pageRequest, type MessagePage } from "../../lib/messages/list-messages";
import type { ListSort } from "../../lib/messages/list-sort-names";
import { addMessage, createOrg, createUser, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Sorting the list (issue 16 item 7): by sender A to Z (newest first within a sender) and by size,
 * largest first — keyset paged both ways like the date order, each read from its own index.
 */
const t = useTestDb();
let owner: Account;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 9, minutes));
const senders = ["Zoé", "alice", "Bruno", "alice", "Élodie", "bruno", "", "Zoé", "alice"];

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org);
  for (const [i, name] of senders.entries()) {
    const address = `${name ? name.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "") : "noname"}@far.test`;
    await addMessage(t.db, owner, {
      subject: `M${i}`,
      from: { name, address },
      text: "x".repeat(100 * ((i * 7) % 5)),
      receivedAt: at(i),
    });
  }
});

async function everyPage(sort: ListSort | null, size = 2) {
  const folder = await folderOf(t.db, owner, "inbox");
  const pages: MessagePage[] = [];
  let request = pageRequest({});
  for (;;) {
    const page = await listFolderPage(t.db, folder, request, size, undefined, sort);
    pages.push(page);
    if (!page.older) break;
    request = pageRequest({ after: page.older });
  }
  // …and back up from the last page by its "newer" cursors.
  const back: string[] = [];
  let previous = pages.at(-1)!.newer;
  while (previous) {
    const page = await listFolderPage(t.db, folder, pageRequest({ before: previous }), size, undefined, sort);
    back.unshift(...page.rows.map((r) => r.subject));
    previous = page.newer;
  }
  const down = pages.flatMap((p) => p.rows.map((r) => r.subject));
  return { down, back: [...back, ...pages.at(-1)!.rows.map((r) => r.subject)] };
}

describe("sorting the list", () => {
  it("by sender: A to Z by the name shown (accents aside), the newest first within a sender, both ways", async () => {
    // alice ×3, Bruno and bruno, Élodie, an address with no name, Zoé ×2.
    const expected = ["M8", "M3", "M1", "M5", "M2", "M4", "M6", "M7", "M0"];
    const { down, back } = await everyPage("from");
    expect(down).toEqual(expected);
    expect(back).toEqual(expected);
  });

  it("by size: the largest first, the newest first among equals, paged both ways", async () => {
    const rows = await t.db
      .select({ subject: messages.subject, size: messages.sizeBytes })
      .from(messages)
      .where(eq(messages.accountId, owner.id));
    const expected = [...rows]
      .sort((a, b) => b.size - a.size || Number(b.subject.slice(1)) - Number(a.subject.slice(1)))
      .map((r) => r.subject);
    const { down, back } = await everyPage("size", 3);
    expect(down).toEqual(expected);
    expect(back).toEqual(expected);
  });

  it("is the list URL's sort, on a folder's list only (a search is by date)", async () => {
    const access = (await getMailboxAccess(t.db, actorOf(owner), { id: owner.id }))!;
    const folders = await selectFolders(t.db, access.mailbox);
    const view = (query: Record<string, string>) =>
      loadListView(t.db, actorOf(owner), access, folders, { folder: "inbox", query });
    expect((await view({ sort: "size" })).sort).toBe("size");
    expect((await view({ sort: "nonsense" })).sort).toBeNull();
    const searched = await view({ sort: "from", q: "M0" });
    expect(searched.sort).toBeNull();
  });

  it("reads each order from its index, in order (no sort), from the first page and from a cursor", async () => {
    const folder = await folderOf(t.db, owner, "inbox");
    const first = await listFolderPage(t.db, folder, pageRequest({}), 2, undefined, "from");
    const second = await listFolderPage(t.db, folder, pageRequest({ after: first.older! }), 2, undefined, "size");
    const where = and(eq(messages.orgId, folder.orgId), eq(messages.folderId, folder.id));
    for (const [sort, index, cursor] of [
      ["from", "messages_folder_from", first.older],
      ["size", "messages_folder_size", second.older],
    ] as const) {
      for (const request of [pageRequest({}), pageRequest({ after: cursor! }), pageRequest({ before: cursor! })]) {
        const text = await t.db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_seqscan = off`);
          await tx.execute(sql`set local enable_bitmapscan = off`);
          const result = (await tx.execute(sql`explain ${pageQuery(tx, where, request, 51, sort)}`)) as unknown as
            Record<string, string>[] | { rows: Record<string, string>[] };
          return (Array.isArray(result) ? result : result.rows).map((r) => Object.values(r)[0]).join("\n");
        });
        expect(text).toContain(index);
        expect(text).not.toMatch(/Sort/);
      }
    }
  });
});
