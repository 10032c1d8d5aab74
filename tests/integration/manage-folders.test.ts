import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, folders, messages, type Account } from "../../db/schema";
import { MAX_FOLDER_DEPTH } from "../../lib/mailboxes/folder-hierarchy";
import { selectFolders } from "../../lib/mailboxes/folders";
import { createFolder, deleteFolder, moveFolder, renameFolder } from "../../lib/mailboxes/manage-folders";
import { moveMessages } from "../../lib/messages/manage-messages";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: { id: string; domain: string };

beforeAll(async () => {
  org = await createOrg(t.db);
});

async function tree(user: Account) {
  const list = await selectFolders(t.db, user);
  const byId = new Map(list.map((f) => [f.id, f]));
  return list.map((f) => {
    let path = f.name;
    for (let p = f.parentId; p; p = byId.get(p)?.parentId ?? null) path = `${byId.get(p)!.name}/${path}`;
    return path;
  });
}

describe("user folders", () => {
  it("creates, nests, renames and moves folders, listed in tree order", async () => {
    const user = await createUser(t.db, org);
    const me = actorOf(user);
    const inbox = await folderOf(t.db, user, "inbox");
    const projects = await createFolder(t.db, me, { id: user.id }, { name: "Projects", parentId: null });
    const y2026 = await createFolder(t.db, me, { id: user.id }, { name: "2026", parentId: projects.folderId });
    await createFolder(t.db, me, { id: user.id }, { name: "Clients", parentId: inbox.id });
    expect(await tree(user)).toEqual([
      "Inbox",
      "Inbox/Clients",
      "Drafts",
      "Sent Items",
      "Deleted Items",
      "Junk Email",
      "Archive",
      "Projects",
      "Projects/2026",
    ]);
    await renameFolder(t.db, me, { id: user.id }, { folderId: y2026.folderId, name: "Year 2026" });
    await moveFolder(t.db, me, { id: user.id }, { folderId: projects.folderId, parentId: inbox.id });
    expect((await tree(user)).filter((p) => p.startsWith("Inbox"))).toEqual([
      "Inbox",
      "Inbox/Clients",
      "Inbox/Projects",
      "Inbox/Projects/Year 2026",
    ]);
    await moveFolder(t.db, me, { id: user.id }, { folderId: projects.folderId, parentId: null });
    expect(await tree(user)).toContain("Projects/Year 2026");
  });

  it("refuses a name already used beside it (any case), but not elsewhere", async () => {
    const user = await createUser(t.db, org);
    const me = actorOf(user);
    const a = await createFolder(t.db, me, { id: user.id }, { name: "Invoices", parentId: null });
    await expect(createFolder(t.db, me, { id: user.id }, { name: "invoices", parentId: null })).rejects.toMatchObject({
      code: "folderNameTaken",
      fieldErrors: { name: ["folderNameTaken"] },
    });
    await expect(createFolder(t.db, me, { id: user.id }, { name: "INBOX", parentId: null })).rejects.toMatchObject({
      code: "folderNameTaken",
    });
    await createFolder(t.db, me, { id: user.id }, { name: "Invoices", parentId: a.folderId });
    const b = await createFolder(t.db, me, { id: user.id }, { name: "Other", parentId: null });
    await expect(
      renameFolder(t.db, me, { id: user.id }, { folderId: b.folderId, name: "INVOICES" }),
    ).rejects.toMatchObject({
      code: "folderNameTaken",
    });
    // Renaming to its own name in another case is fine.
    await renameFolder(t.db, me, { id: user.id }, { folderId: b.folderId, name: "OTHER" });
  });

  it("never renames, moves or deletes a well-known folder", async () => {
    const user = await createUser(t.db, org);
    const me = actorOf(user);
    const inbox = await folderOf(t.db, user, "inbox");
    const archive = await folderOf(t.db, user, "archive");
    await expect(renameFolder(t.db, me, { id: user.id }, { folderId: inbox.id, name: "Mine" })).rejects.toMatchObject({
      code: "wellKnownFolder",
    });
    await expect(
      moveFolder(t.db, me, { id: user.id }, { folderId: inbox.id, parentId: archive.id }),
    ).rejects.toMatchObject({
      code: "wellKnownFolder",
    });
    for (const kind of ["inbox", "drafts", "sent", "deleted", "junk", "archive"] as const) {
      const f = await folderOf(t.db, user, kind);
      await expect(deleteFolder(t.db, me, { id: user.id }, { folderId: f.id })).rejects.toMatchObject({
        code: "wellKnownFolder",
      });
    }
    expect(await tree(user)).toHaveLength(6);
  });

  it("refuses to move a folder into itself or below itself", async () => {
    const user = await createUser(t.db, org);
    const me = actorOf(user);
    const a = await createFolder(t.db, me, { id: user.id }, { name: "A", parentId: null });
    const b = await createFolder(t.db, me, { id: user.id }, { name: "B", parentId: a.folderId });
    const c = await createFolder(t.db, me, { id: user.id }, { name: "C", parentId: b.folderId });
    for (const target of [a, b, c]) {
      await expect(
        moveFolder(t.db, me, { id: user.id }, { folderId: a.folderId, parentId: target.folderId }),
      ).rejects.toMatchObject({ code: "folderCycle", fieldErrors: { parentId: ["folderCycle"] } });
    }
    expect(await tree(user)).toContain("A/B/C");
  });

  it("never builds a cycle from two moves at once", async () => {
    const user = await createUser(t.db, org);
    const me = actorOf(user);
    const a = await createFolder(t.db, me, { id: user.id }, { name: "A", parentId: null });
    const b = await createFolder(t.db, me, { id: user.id }, { name: "B", parentId: null });
    const results = await Promise.allSettled([
      moveFolder(t.db, me, { id: user.id }, { folderId: a.folderId, parentId: b.folderId }),
      moveFolder(t.db, me, { id: user.id }, { folderId: b.folderId, parentId: a.folderId }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rows = await t.db.select().from(folders).where(eq(folders.accountId, user.id));
    const parentOf = new Map(rows.map((f) => [f.id, f.parentId]));
    expect(parentOf.get(a.folderId) === b.folderId && parentOf.get(b.folderId) === a.folderId).toBe(false);
  });

  it("limits nesting depth", async () => {
    const user = await createUser(t.db, org);
    const me = actorOf(user);
    let parentId: string | null = null;
    for (let depth = 0; depth <= MAX_FOLDER_DEPTH; depth++) {
      parentId = (await createFolder(t.db, me, { id: user.id }, { name: `L${depth}`, parentId })).folderId;
    }
    await expect(createFolder(t.db, me, { id: user.id }, { name: "Too deep", parentId })).rejects.toMatchObject({
      code: "folderTooDeep",
    });
  });

  it("deletes a folder and its subfolders, their mail going to Deleted Items", async () => {
    const user = await createUser(t.db, org);
    const me = actorOf(user);
    const a = await createFolder(t.db, me, { id: user.id }, { name: "A", parentId: null });
    const b = await createFolder(t.db, me, { id: user.id }, { name: "B", parentId: a.folderId });
    const m1 = await addMessage(t.db, user);
    const m2 = await addMessage(t.db, user);
    await moveMessages(t.db, me, { id: user.id }, [m1.id], a.folderId);
    await moveMessages(t.db, me, { id: user.id }, [m2.id], b.folderId);
    expect(await deleteFolder(t.db, me, { id: user.id }, { folderId: a.folderId })).toEqual({ moved: 2, purged: 0 });
    expect(await tree(user)).toHaveLength(6);
    const deleted = await folderOf(t.db, user, "deleted");
    expect(deleted.totalCount).toBe(2);
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, user.id));
    expect(account!.usedBytes).toBe(m1.raw.length + m2.raw.length);
  });

  it("deletes for good, freeing quota, a folder inside Deleted Items", async () => {
    const user = await createUser(t.db, org);
    const me = actorOf(user);
    const deleted = await folderOf(t.db, user, "deleted");
    const old = await createFolder(t.db, me, { id: user.id }, { name: "Old", parentId: deleted.id });
    const m = await addMessage(t.db, user);
    await moveMessages(t.db, me, { id: user.id }, [m.id], old.folderId);
    expect(await deleteFolder(t.db, me, { id: user.id }, { folderId: old.folderId })).toEqual({ moved: 0, purged: 1 });
    expect(await t.db.select().from(messages).where(eq(messages.id, m.id))).toEqual([]);
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, user.id));
    expect(account!.usedBytes).toBe(0);
  });

  it("lets a Full Access delegate manage a shared mailbox's folders, auditing a delete", async () => {
    const shared = await createShared(t.db, org);
    const user = await createUser(t.db, org);
    await delegate(t.db, shared, user, { fullAccess: true });
    const me = actorOf(user);
    const f = await createFolder(t.db, me, { address: shared.address }, { name: "Tickets", parentId: null });
    await renameFolder(t.db, me, { address: shared.address }, { folderId: f.folderId, name: "Support tickets" });
    await deleteFolder(t.db, me, { address: shared.address }, { folderId: f.folderId });
    const trail = await t.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.mailboxId, shared.id), eq(auditEvents.actorId, user.id)));
    expect(trail).toEqual([
      { action: "mail.delete", details: { folder: "Support tickets", folders: 1, count: 0, moved: 0, purged: 0 } },
    ]);
  });
});
