import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accounts,
  auditEvents,
  delegations,
  folders,
  GIB,
  messageContents,
  messages,
  sharedFolderLinks,
  type Account,
} from "../../../db/schema";
import { getPool } from "../../../lib/admin/pool/get-pool";
import { deleteSharedMailbox } from "../../../lib/admin/shared/delete-shared-mailbox";
import { listSharedMailboxes } from "../../../lib/admin/shared/list-shared-mailboxes";
import { updateSharedMailbox } from "../../../lib/admin/shared/update-shared-mailbox";
import { parseListing } from "../../../lib/mime/parse-listing";
import { refusal } from "../../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../../support/factories";
import { actorOf } from "../../support/session";
import { useTestDb } from "../../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let admin: Account;
let guide: Account;

beforeAll(async () => {
  org = await createOrg(t.db, { poolBytes: 10 * GIB });
  admin = await createUser(t.db, org, { role: "admin" });
  guide = await createUser(t.db, org, { local: "guide" });
});

const edit = (box: Account, over: Partial<Parameters<typeof updateSharedMailbox>[2]> = {}) =>
  updateSharedMailbox(t.db, actorOf(admin), {
    id: box.id,
    displayName: box.displayName,
    quotaBytes: box.quotaBytes,
    hidden: box.hiddenFromDirectory,
    saveSentCopy: box.saveSentCopy,
    deleteProtection: box.deleteProtection,
    readPerPerson: box.readPerPerson,
    ...over,
  });

const reload = async (box: Account) => (await t.db.select().from(accounts).where(eq(accounts.id, box.id)))[0];

describe("editing a shared mailbox (R1, R6)", () => {
  it("changes the display name, quota, address-book flag and Sent Items copy, and audits what changed", async () => {
    const box = await createShared(t.db, org, { quotaBytes: GIB });
    expect(box.saveSentCopy).toBe(true);
    await edit(box, { displayName: "Help desk", quotaBytes: 2 * GIB, hidden: true, saveSentCopy: false });
    expect(await reload(box)).toMatchObject({
      displayName: "Help desk",
      quotaBytes: 2 * GIB,
      hiddenFromDirectory: true,
      saveSentCopy: false,
    });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.mailboxId, box.id), eq(auditEvents.action, "shared.update")));
    expect(event!.details).toEqual({
      displayName: { from: box.displayName, to: "Help desk" },
      quotaBytes: { from: GIB, to: 2 * GIB },
      hiddenFromDirectory: { from: false, to: true },
      saveSentCopy: { from: true, to: false },
    });
  });

  it("writes no audit event when nothing changes", async () => {
    const box = await createShared(t.db, org);
    expect(await edit(box)).toEqual({ changed: false });
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, box.id))).toHaveLength(0);
  });

  it("never sets the quota below what the mailbox holds", async () => {
    const box = await createShared(t.db, org, { quotaBytes: GIB });
    const { raw } = await addMessage(t.db, box);
    const result = await refusal(edit(box, { quotaBytes: raw.length - 1 }));
    expect(result).toEqual({
      code: "quotaBelowUsed",
      fieldErrors: { quota: ["quotaBelowUsed"] },
      values: { usedBytes: raw.length },
    });
    await edit(box, { quotaBytes: raw.length });
    expect((await reload(box))!.quotaBytes).toBe(raw.length);
  });

  it("never grows the quota beyond the free pool plus its own share", async () => {
    const small = await createOrg(t.db, { poolBytes: 4 * GIB });
    const boss = actorOf(await createUser(t.db, small, { role: "admin" }));
    const a = await createShared(t.db, small, { quotaBytes: GIB });
    await createShared(t.db, small, { quotaBytes: 2 * GIB });
    const input = {
      id: a.id,
      displayName: a.displayName,
      hidden: false,
      saveSentCopy: true,
      deleteProtection: false,
      readPerPerson: false,
    };
    expect(await refusal(updateSharedMailbox(t.db, boss, { ...input, quotaBytes: 2.5 * GIB }))).toMatchObject({
      code: "poolExceeded",
      values: { freeBytes: 2 * GIB },
    });
    await updateSharedMailbox(t.db, boss, { ...input, quotaBytes: 2 * GIB });
    expect((await getPool(t.db, boss)).freeBytes).toBe(0);
    // shrinking is always possible (down to what it holds)
    await updateSharedMailbox(t.db, boss, { ...input, quotaBytes: GIB / 2 });
    expect((await getPool(t.db, boss)).freeBytes).toBe(1.5 * GIB);
  });

  it("finds only the admin's organisation's shared mailboxes", async () => {
    const other = await createOrg(t.db);
    const theirs = await createShared(t.db, other);
    expect((await refusal(edit(theirs, { displayName: "Mine now" }))).code).toBe("notFound");
    expect((await reload(theirs))!.displayName).toBe(theirs.displayName);
    // and a user mailbox is not a shared one
    expect((await refusal(edit(guide as Account, { displayName: "x" }))).code).toBe("notFound");
  });
});

describe("deleting a shared mailbox", () => {
  it(
    "removes its mail, unshared contents, folders, delegations and links, frees its pool share, and " + "audits",
    async () => {
      const box = await createShared(t.db, org, { quotaBytes: 3 * GIB });
      const before = await getPool(t.db, actorOf(admin));
      const own = await addMessage(t.db, box, { subject: "only here" });
      // a message delivered both to the shared mailbox and to guide: its content must survive
      const both = await addMessage(t.db, guide, { subject: "to both" });
      const listing = await parseListing(both.raw);
      await t.db.transaction(async (tx) => {
        const inbox = await folderOf(tx, box, "inbox");
        await tx.insert(messages).values({
          orgId: org.id,
          accountId: box.id,
          folderId: inbox.id,
          contentId: both.contentId,
          sizeBytes: both.raw.length,
          subject: listing.subject,
        });
      });
      await delegate(t.db, box, guide, { fullAccess: true });
      await t.db
        .insert(sharedFolderLinks)
        .values({ orgId: org.id, accountId: guide.id, mailboxId: box.id, source: "manual" });

      expect(await deleteSharedMailbox(t.db, actorOf(admin), { id: box.id })).toEqual({ address: box.address });

      expect(await t.db.select().from(accounts).where(eq(accounts.id, box.id))).toHaveLength(0);
      expect(await t.db.select().from(messages).where(eq(messages.accountId, box.id))).toHaveLength(0);
      expect(await t.db.select().from(folders).where(eq(folders.accountId, box.id))).toHaveLength(0);
      expect(await t.db.select().from(delegations).where(eq(delegations.mailboxId, box.id))).toHaveLength(0);
      expect(await t.db.select().from(sharedFolderLinks).where(eq(sharedFolderLinks.mailboxId, box.id))).toHaveLength(
        0,
      );
      const contents = await t.db
        .select({ id: messageContents.id })
        .from(messageContents)
        .where(inArray(messageContents.id, [own.contentId, both.contentId]));
      expect(contents.map((c) => c.id)).toEqual([both.contentId]);
      // guide's copy and its folder counters are untouched
      const guideInbox = await folderOf(t.db, guide, "inbox");
      expect(guideInbox.totalCount).toBeGreaterThanOrEqual(1);

      const after = await getPool(t.db, actorOf(admin));
      expect(after.allocatedBytes).toBe(before.allocatedBytes - 3 * GIB);
      const [event] = await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.mailboxId, box.id), eq(auditEvents.action, "shared.delete")));
      expect(event).toMatchObject({ mailboxAddress: box.address, details: { quotaBytes: 3 * GIB } });
    },
  );

  it("refuses another organisation's mailbox, a user mailbox, and a non-admin", async () => {
    const other = await createOrg(t.db);
    const theirs = await createShared(t.db, other);
    expect((await refusal(deleteSharedMailbox(t.db, actorOf(admin), { id: theirs.id }))).code).toBe("notFound");
    expect((await refusal(deleteSharedMailbox(t.db, actorOf(admin), { id: guide.id }))).code).toBe("notFound");
    const box = await createShared(t.db, org);
    expect((await refusal(deleteSharedMailbox(t.db, actorOf(guide), { id: box.id }))).code).toBe("noAccess");
    expect(await reload(theirs)).toBeDefined();
    expect(await reload(box)).toBeDefined();
    expect(await reload(guide)).toBeDefined();
  });
});

describe("the shared mailboxes list", () => {
  it("pages by address and counts delegates, for the admin's organisation only", async () => {
    const fresh = await createOrg(t.db);
    const boss = actorOf(await createUser(t.db, fresh, { role: "admin" }));
    const someone = await createUser(t.db, fresh);
    const boxes = [];
    for (const local of ["c", "a", "e", "b", "d"]) boxes.push(await createShared(t.db, fresh, { local }));
    await delegate(t.db, boxes[1]!, someone, { sendAs: true });
    await createShared(t.db, org, { local: "zz-not-theirs" });
    const first = await listSharedMailboxes(t.db, boss, { limit: 2 });
    expect(first.rows.map((r) => r.address.split("@")[0])).toEqual(["a", "b"]);
    expect(first.rows[0]!.delegateCount).toBe(1);
    const second = await listSharedMailboxes(t.db, boss, { limit: 2, after: first.next });
    expect(second.rows.map((r) => r.address.split("@")[0])).toEqual(["c", "d"]);
    const third = await listSharedMailboxes(t.db, boss, { limit: 2, after: second.next });
    expect(third.rows.map((r) => r.address.split("@")[0])).toEqual(["e"]);
    expect(third.next).toBeNull();
  });
});
