import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { messages, type Account } from "../../db/schema";
import { selectFolders } from "../../lib/mailboxes/folders";
import { loadListView } from "../../lib/mailboxes/mail-view";
import { listFilterCondition } from "../../lib/messages/list-filters";
import { pageQuery } from "../../lib/messages/list-messages";
import { getMailboxAccess } from "../../lib/access/mailbox-access";
import { addMessage, createOrg, createUser, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * The list's filters (issue 16 item 7): Unread, Flagged, With attachments — on a folder's list and
 * on a search — each read from an index that holds only its messages where it has one.
 */
const t = useTestDb();
let owner: Account;

const view = async (query: Record<string, string>) => {
  const access = (await getMailboxAccess(t.db, actorOf(owner), { id: owner.id }))!;
  const folders = await selectFolders(t.db, access.mailbox);
  const list = await loadListView(t.db, actorOf(owner), access, folders, { folder: "inbox", query });
  return { show: list.show, subjects: list.list.rows.map((r) => r.subject).sort() };
};

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org);
  await addMessage(t.db, owner, { subject: "Read plain invoice", seen: true });
  await addMessage(t.db, owner, { subject: "Unread plain invoice" });
  const flagged = await addMessage(t.db, owner, { subject: "Flagged read note", seen: true });
  await t.db.update(messages).set({ flagged: true }).where(eq(messages.id, flagged.id));
  const attached = await addMessage(t.db, owner, { subject: "Report with a file", seen: true });
  await t.db.update(messages).set({ hasAttachments: true }).where(eq(messages.id, attached.id));
});

describe("list filters", () => {
  it("show a folder's unread, flagged or attached messages only", async () => {
    expect(await view({})).toMatchObject({ show: null, subjects: expect.arrayContaining(["Read plain invoice"]) });
    expect(await view({ show: "unread" })).toEqual({ show: "unread", subjects: ["Unread plain invoice"] });
    expect(await view({ show: "flagged" })).toEqual({ show: "flagged", subjects: ["Flagged read note"] });
    expect(await view({ show: "attachments" })).toEqual({ show: "attachments", subjects: ["Report with a file"] });
    expect((await view({ show: "nonsense" })).show).toBeNull();
  });

  it("apply to a search too", async () => {
    expect(await view({ q: "invoice" })).toMatchObject({ subjects: ["Read plain invoice", "Unread plain invoice"] });
    expect(await view({ q: "invoice", show: "unread" })).toMatchObject({ subjects: ["Unread plain invoice"] });
  });

  it("read Unread and Flagged from their partial indexes", async () => {
    const inbox = await folderOf(t.db, owner, "inbox");
    for (const [filter, index] of [
      ["unread", "messages_folder_unread"],
      ["flagged", "messages_folder_flagged"],
    ] as const) {
      const where = and(eq(messages.orgId, inbox.orgId), eq(messages.folderId, inbox.id), listFilterCondition(filter));
      const text = await t.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        const query = pageQuery(tx, where, { cursor: null, direction: "after" }, 51);
        const result = (await tx.execute(sql`explain ${query}`)) as unknown as
          Record<string, string>[] | { rows: Record<string, string>[] };
        return (Array.isArray(result) ? result : result.rows).map((r) => Object.values(r)[0]).join("\n");
      });
      expect(text).toContain(index);
      expect(text).not.toMatch(/Sort/);
    }
  });
});
