import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { folders, messages, type Account } from "../../db/schema";
import { deliverInTx, prepareDelivery, type DeliveryInput } from "../../lib/delivery/deliver";
import { listenMailboxChanges, type FolderChange } from "../../lib/events/mailbox-changes";
import { parseListing } from "../../lib/mime/parse-listing";
import { createOrg, createUser, folderOf } from "../support/factories";
import { testDriver, useTestDb } from "../support/test-db";

/**
 * A delivery's folder rows (next UID, counters) are written during its COMMIT (migration 0031):
 * what a reader sees is the same as before — UIDs that only grow, in commit order, and exact
 * counts — but a delivery kept open no longer holds up the others to the same folder.
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  org = await createOrg(t.db);
});

async function inputTo(box: Account, subject: string): Promise<DeliveryInput> {
  const raw = Buffer.from(`From: a@elsewhere.test\r\nTo: ${box.address}\r\nSubject: ${subject}\r\n\r\nHello.\r\n`);
  const mailbox = { id: box.id, orgId: box.orgId, address: box.address, displayName: box.displayName };
  return {
    raw,
    listing: await parseListing(raw),
    sentCopies: [],
    bcc: [],
    recipients: [mailbox],
    unknown: [],
    reportTo: mailbox,
    reportingDomain: "elsewhere.test",
  };
}

const deliver = async (box: Account, subject: string) => {
  const prepared = await prepareDelivery(t.db, await inputTo(box, subject));
  return t.db.transaction((tx) => deliverInTx(tx, prepared));
};

async function folderState(folderId: string) {
  const [row] = await t.db
    .select({ total: folders.totalCount, unread: folders.unreadCount, uidNext: folders.uidNext })
    .from(folders)
    .where(eq(folders.id, folderId));
  const [real] = await t.db
    .select({
      stored: sql<number>`count(*)::int`,
      storedUnread: sql<number>`(count(*) filter (where not ${messages.seen}))::int`,
      maxUid: sql<number>`coalesce(max(${messages.uid}), 0)::int`,
      minUid: sql<number>`coalesce(min(${messages.uid}), 1)::int`,
    })
    .from(messages)
    .where(eq(messages.folderId, folderId));
  return { ...row!, ...real! };
}

/** The folder's counters are its messages' counts, and its next UID is above every UID in it. */
function expectExact(s: Awaited<ReturnType<typeof folderState>>) {
  expect([s.total, s.unread]).toEqual([s.stored, s.storedUnread]);
  expect(s.minUid).toBeGreaterThan(0);
  expect(s.uidNext).toBeGreaterThan(s.maxUid);
}

const uidsBySubject = async (folderId: string) =>
  Object.fromEntries(
    (
      await t.db
        .select({ subject: messages.subject, uid: messages.uid })
        .from(messages)
        .where(eq(messages.folderId, folderId))
    ).map((m) => [m.subject, m.uid]),
  );

describe("a delivery's UIDs and counters, written at its commit", () => {
  it("a delivered message has the folder's next UID and counts, and change listeners hear that UID", async () => {
    const box = await createUser(t.db, org, { local: "settled-box" });
    const inbox = await folderOf(t.db, box, "inbox");
    await deliver(box, "First");
    const before = await folderState(inbox.id);
    const heard: FolderChange[] = [];
    const changes = await listenMailboxChanges(t.handle);
    changes.subscribe((c) => c.folderId === inbox.id && heard.push(c));
    try {
      await deliver(box, "Second");
      await expect.poll(() => heard.flatMap((c) => c.uids ?? []), { timeout: 5000 }).toContain(before.uidNext);
    } finally {
      await changes.close();
    }
    expect(heard.flatMap((c) => c.uids ?? []).every((uid) => uid > 0)).toBe(true);
    expect(await uidsBySubject(inbox.id)).toEqual({ First: before.uidNext - 1, Second: before.uidNext });
    const after = await folderState(inbox.id);
    expect(after).toMatchObject({ total: 2, unread: 2, uidNext: before.uidNext + 1, minUid: 1 });
    expectExact(after);
  });

  it("a new message moved, marked read or deleted later in its own transaction leaves every count exact", async () => {
    const box = await createUser(t.db, org, { local: "busy-tx-box" });
    const inbox = await folderOf(t.db, box, "inbox");
    const archive = await folderOf(t.db, box, "archive");
    const [moved, marked, removed] = await Promise.all(
      ["Moved", "Marked", "Removed"].map((s) => inputTo(box, s).then((i) => prepareDelivery(t.db, i))),
    );
    await t.db.transaction(async (tx) => {
      const ids = [];
      for (const p of [moved!, marked!, removed!]) ids.push(Object.values((await deliverInTx(tx, p)).contentIds)[0]!);
      const byContent = (contentId: string) => and(eq(messages.orgId, org.id), eq(messages.contentId, contentId));
      await tx.update(messages).set({ folderId: archive.id }).where(byContent(ids[0]!));
      await tx.update(messages).set({ seen: true }).where(byContent(ids[1]!));
      await tx.delete(messages).where(byContent(ids[2]!));
    });
    const [inboxNow, archiveNow] = [await folderState(inbox.id), await folderState(archive.id)];
    expectExact(inboxNow);
    expectExact(archiveNow);
    expect(inboxNow).toMatchObject({ total: 1, unread: 0 });
    expect(archiveNow).toMatchObject({ total: 1, unread: 1 });
    expect(Object.keys(await uidsBySubject(inbox.id))).toEqual(["Marked"]);
  });

  it.skipIf(testDriver === "pglite")(
    "a delivery kept open does not hold up another to the same Inbox, and the first to commit has the lower UID",
    async () => {
      const box = await createUser(t.db, org, { local: "open-tx-box" });
      const inbox = await folderOf(t.db, box, "inbox");
      const slowPrepared = await prepareDelivery(t.db, await inputTo(box, "Slow"));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let stored!: () => void;
      const slowStored = new Promise<void>((resolve) => (stored = resolve));
      const slow = t.db.transaction(async (tx) => {
        await deliverInTx(tx, slowPrepared);
        stored();
        await released;
      });
      await slowStored;
      // The slow transaction has stored its copy and not committed: this one must not wait for it.
      const fast = deliver(box, "Fast").then(() => "committed");
      const timeout = new Promise((resolve) => setTimeout(() => resolve("waited"), 3000));
      expect(await Promise.race([fast, timeout])).toBe("committed");
      release();
      await slow;
      const uids = await uidsBySubject(inbox.id);
      expect(uids.Fast).toBeLessThan(uids.Slow!);
      const state = await folderState(inbox.id);
      expectExact(state);
      expect(state).toMatchObject({ total: 2, unread: 2, uidNext: uids.Slow! + 1 });
    },
  );

  it.skipIf(testDriver === "pglite")(
    "thirty deliveries at once to one Inbox: distinct UIDs from 1 with no gap, exact counts",
    async () => {
      const box = await createUser(t.db, org, { local: "crowded-box" });
      const inbox = await folderOf(t.db, box, "inbox");
      await Promise.all(Array.from({ length: 30 }, (_, i) => deliver(box, `Crowd ${i}`)));
      const uids = Object.values(await uidsBySubject(inbox.id)).sort((a, b) => a - b);
      expect(uids).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const state = await folderState(inbox.id);
      expectExact(state);
      expect(state).toMatchObject({ total: 30, unread: 30, uidNext: 31 });
    },
  );
});
