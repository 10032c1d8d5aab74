import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, messageContents, messages, type Account } from "../../db/schema";
import { buildMessage } from "../../lib/mime/build-message";
import { parseListing } from "../../lib/mime/parse-listing";
import {
  deleteMessages,
  emptyFolder,
  MAX_SELECTION,
  moveMessages,
  setFlagged,
  setSeen,
} from "../../lib/messages/manage-messages";
import { parseForReading } from "../../lib/messages/parse-for-reading";
import { openMessage } from "../../lib/messages/read-message";
import { storeMessage } from "../../lib/messages/store-message";
import { chargeQuota } from "../../lib/quota/charge";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: { id: string; domain: string };
let owner: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  owner = await createUser(t.db, org);
});

async function row(id: string) {
  const [m] = await t.db.select().from(messages).where(eq(messages.id, id));
  return m;
}
async function used(account: Account) {
  const [a] = await t.db.select({ used: accounts.usedBytes }).from(accounts).where(eq(accounts.id, account.id));
  return a!.used;
}
async function counts(account: Account, kind: "inbox" | "deleted" | "archive") {
  const f = await folderOf(t.db, account, kind);
  return { total: f.totalCount, unread: f.unreadCount };
}

describe("reading and marking", () => {
  it("opening marks read; mark unread, flag and unflag; the folder's unread count follows", async () => {
    const user = await createUser(t.db, org);
    const m = await addMessage(t.db, user, { subject: "To read", text: "Body text here." });
    expect(await counts(user, "inbox")).toEqual({ total: 1, unread: 1 });
    const opened = await openMessage(t.db, actorOf(user), { id: user.id }, m.id);
    expect((await parseForReading(opened.raw)).text).toContain("Body text here.");
    expect((await row(m.id))!.seen).toBe(true);
    expect(await counts(user, "inbox")).toEqual({ total: 1, unread: 0 });

    await setSeen(t.db, actorOf(user), { id: user.id }, [m.id], false);
    expect(await counts(user, "inbox")).toEqual({ total: 1, unread: 1 });
    await setFlagged(t.db, actorOf(user), { id: user.id }, [m.id], true);
    expect((await row(m.id))!.flagged).toBe(true);
    await setFlagged(t.db, actorOf(user), { id: user.id }, [m.id], false);
    expect((await row(m.id))!.flagged).toBe(false);
  });

  it("does not mark read a message opened under another folder's URL", async () => {
    const user = await createUser(t.db, org);
    const m = await addMessage(t.db, user);
    await expect(openMessage(t.db, actorOf(user), { id: user.id }, m.id, { folder: "archive" })).rejects.toMatchObject({
      code: "notFound",
    });
    expect((await row(m.id))!.seen).toBe(false);
    await openMessage(t.db, actorOf(user), { id: user.id }, m.id, { folder: "inbox" });
    expect((await row(m.id))!.seen).toBe(true);
  });

  it("acts on a selection at once, and refuses an empty or oversized one", async () => {
    const user = await createUser(t.db, org);
    const a = await addMessage(t.db, user);
    const b = await addMessage(t.db, user);
    expect(await setSeen(t.db, actorOf(user), { id: user.id }, [a.id, b.id, a.id], true)).toEqual({ count: 2 });
    expect(await counts(user, "inbox")).toEqual({ total: 2, unread: 0 });
    await expect(setSeen(t.db, actorOf(user), { id: user.id }, [], true)).rejects.toMatchObject({
      code: "noSelection",
    });
    const many = Array.from({ length: MAX_SELECTION + 1 }, () => crypto.randomUUID());
    await expect(setSeen(t.db, actorOf(user), { id: user.id }, many, true)).rejects.toMatchObject({
      code: "tooManySelected",
    });
    await expect(setSeen(t.db, actorOf(user), { id: user.id }, ["nope"], true)).rejects.toMatchObject({
      code: "notFound",
    });
  });
});

describe("moving and deleting", () => {
  it("moves to another folder of the mailbox only", async () => {
    const user = await createUser(t.db, org);
    const m = await addMessage(t.db, user);
    const archive = await folderOf(t.db, user, "archive");
    expect(await moveMessages(t.db, actorOf(user), { id: user.id }, [m.id], archive.id)).toMatchObject({ count: 1 });
    expect((await row(m.id))!.folderId).toBe(archive.id);
    expect(await counts(user, "archive")).toEqual({ total: 1, unread: 1 });
    expect(await counts(user, "inbox")).toEqual({ total: 0, unread: 0 });
    const elsewhere = await folderOf(t.db, owner, "archive");
    await expect(moveMessages(t.db, actorOf(user), { id: user.id }, [m.id], elsewhere.id)).rejects.toMatchObject({
      code: "notFound",
    });
  });

  it("deletes to Deleted Items, then for good from there, freeing quota and the raw content", async () => {
    const user = await createUser(t.db, org);
    const m = await addMessage(t.db, user, { subject: "Bye" });
    const size = m.raw.length;
    expect(await used(user)).toBe(size);

    expect(await deleteMessages(t.db, actorOf(user), { id: user.id }, [m.id])).toMatchObject({ moved: 1, purged: 0 });
    const deleted = await folderOf(t.db, user, "deleted");
    expect((await row(m.id))!.folderId).toBe(deleted.id);
    expect(await used(user)).toBe(size);

    expect(await deleteMessages(t.db, actorOf(user), { id: user.id }, [m.id])).toMatchObject({ moved: 0, purged: 1 });
    expect(await row(m.id)).toBeUndefined();
    expect(await used(user)).toBe(0);
    const content = await t.db.select().from(messageContents).where(eq(messageContents.id, m.contentId));
    expect(content).toEqual([]);
    expect(await counts(user, "deleted")).toEqual({ total: 0, unread: 0 });
  });

  it("keeps the raw content while another mailbox still holds a copy", async () => {
    const a = await createUser(t.db, org);
    const b = await createUser(t.db, org);
    const raw = await buildMessage({
      from: { name: "A", address: a.address },
      to: [{ name: "B", address: b.address }],
      subject: "Shared",
      text: "x",
    });
    const listing = await parseListing(raw);
    const [da, db] = [await folderOf(t.db, a, "deleted"), await folderOf(t.db, b, "deleted")];
    const stored = await t.db.transaction(async (tx) => {
      await chargeQuota(tx, org.id, a.id, raw.length);
      await chargeQuota(tx, org.id, b.id, raw.length);
      return storeMessage(tx, org.id, raw, listing, [
        { accountId: a.id, folderId: da.id },
        { accountId: b.id, folderId: db.id },
      ]);
    });
    const [copyA, copyB] = stored.messageIds as [string, string];
    await deleteMessages(t.db, actorOf(a), { id: a.id }, [copyA]);
    expect(await used(a)).toBe(0);
    expect(
      await t.db
        .select({ id: messageContents.id })
        .from(messageContents)
        .where(eq(messageContents.id, stored.contentId)),
    ).toHaveLength(1);
    // Another mailbox's copy is not the first mailbox's to delete.
    await expect(deleteMessages(t.db, actorOf(a), { id: a.id }, [copyB])).rejects.toMatchObject({ code: "notFound" });
    await deleteMessages(t.db, actorOf(b), { id: b.id }, [copyB]);
    expect(await used(b)).toBe(0);
    expect(
      await t.db
        .select({ id: messageContents.id })
        .from(messageContents)
        .where(eq(messageContents.id, stored.contentId)),
    ).toHaveLength(0);
  });

  it("empties a folder to Deleted Items, and empties Deleted Items for good", async () => {
    const user = await createUser(t.db, org);
    for (let i = 0; i < 3; i++) await addMessage(t.db, user);
    await addMessage(t.db, user, { folder: "archive" });
    const inbox = await folderOf(t.db, user, "inbox");
    expect(await emptyFolder(t.db, actorOf(user), { id: user.id }, inbox.id)).toEqual({ moved: 3, purged: 0 });
    expect(await counts(user, "inbox")).toEqual({ total: 0, unread: 0 });
    expect(await counts(user, "deleted")).toEqual({ total: 3, unread: 3 });
    expect(await counts(user, "archive")).toEqual({ total: 1, unread: 1 });
    const before = await used(user);
    const deleted = await folderOf(t.db, user, "deleted");
    const result = await emptyFolder(t.db, actorOf(user), { id: user.id }, deleted.id);
    expect(result).toEqual({ moved: 0, purged: 3 });
    expect(await counts(user, "deleted")).toEqual({ total: 0, unread: 0 });
    expect(await used(user)).toBeLessThan(before);
    expect(await used(user)).toBeGreaterThan(0); // the archived message is still there
    expect(await emptyFolder(t.db, actorOf(user), { id: user.id }, deleted.id)).toEqual({ moved: 0, purged: 0 });
  });
});

describe("inside a shared mailbox (Full Access)", () => {
  it("deletes into the shared mailbox's own Deleted Items and audits moves and deletes", async () => {
    const shared = await createShared(t.db, org);
    const delegateUser = await createUser(t.db, org);
    await delegate(t.db, shared, delegateUser, { fullAccess: true });
    const m1 = await addMessage(t.db, shared);
    const m2 = await addMessage(t.db, shared);
    const actor = actorOf(delegateUser, "session-1");
    const archive = await folderOf(t.db, shared, "archive");
    await moveMessages(t.db, actor, { address: shared.address }, [m1.id], archive.id);
    await deleteMessages(t.db, actor, { address: shared.address }, [m1.id, m2.id]);
    const sharedDeleted = await folderOf(t.db, shared, "deleted");
    expect((await row(m1.id))!.folderId).toBe(sharedDeleted.id);
    expect(await counts(delegateUser, "deleted")).toEqual({ total: 0, unread: 0 });

    const trail = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.mailboxId, shared.id)))
      .orderBy(auditEvents.at);
    expect(trail.map((e) => [e.action, e.actorId, e.sessionId, e.details])).toEqual([
      ["mail.move", delegateUser.id, "session-1", { count: 1, to: "Archive", toKind: "archive" }],
      ["mail.delete", delegateUser.id, "session-1", { count: 2, moved: 2, purged: 0, subjects: ["Hello", "Hello"] }],
    ]);
  });

  it("does not audit the owner's own moves and deletes", async () => {
    const user = await createUser(t.db, org);
    const m = await addMessage(t.db, user);
    await deleteMessages(t.db, actorOf(user), { id: user.id }, [m.id]);
    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, user.id));
    expect(trail).toEqual([]);
  });
});
