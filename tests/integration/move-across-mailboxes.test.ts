import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, folders, messages, type Account } from "../../db/schema";
import { moveMessagesToMailbox, restoreAcross } from "../../lib/messages/manage-messages";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { refusal } from "../support/domain-error";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Moving messages to another mailbox's folder (a drop in the webmail's folder pane; IMAP MOVE goes
 * through the same transfer): Full Access on both, the target's quota charged and the source's given
 * back, folder counts and conversations kept right, each side that is not the mover's own audited.
 */
const t = useTestDb();
let org: { id: string; domain: string };
let guide: Account;
let support: Account;
let sendAs: Account;
let onBehalf: Account;
let stranger: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  guide = await createUser(t.db, org, { local: "guide" });
  support = await createShared(t.db, org, { local: "support" });
  sendAs = await createUser(t.db, org, { local: "sendas" });
  onBehalf = await createUser(t.db, org, { local: "onbehalf" });
  stranger = await createUser(t.db, org, { local: "stranger" });
  await delegate(t.db, support, guide, { fullAccess: true });
  await delegate(t.db, support, sendAs, { sendAs: true });
  await delegate(t.db, support, onBehalf, { sendOnBehalf: true });
});

const used = async (account: Account) =>
  (await t.db.select({ used: accounts.usedBytes }).from(accounts).where(eq(accounts.id, account.id)))[0]!.used;
const total = async (folderId: string) =>
  (await t.db.select({ n: folders.totalCount }).from(folders).where(eq(folders.id, folderId)))[0]!.n;
const copiesOf = (subject: string) =>
  t.db
    .select({ accountId: messages.accountId, folderId: messages.folderId, threadId: messages.threadId })
    .from(messages)
    .where(and(eq(messages.orgId, org.id), eq(messages.subject, subject)));
const auditOf = (account: Account) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.mailboxId, account.id)));

describe("moving messages to another mailbox", () => {
  it("files a shared mailbox's message in one's own folder: quotas, counts and the audit follow", async () => {
    const message = await addMessage(t.db, support, { subject: "Quote 41" });
    const archive = await folderOf(t.db, guide, "archive");
    const inbox = await folderOf(t.db, support, "inbox");
    const [supportUsed, guideUsed, before] = [await used(support), await used(guide), await total(inbox.id)];
    const result = await moveMessagesToMailbox(t.db, actorOf(guide), { address: support.address }, [message.id], {
      address: guide.address,
      folderId: archive.id,
    });
    const [copy] = await t.db.select({ id: messages.id }).from(messages).where(eq(messages.subject, "Quote 41"));
    expect(result).toEqual({ count: 1, undo: [{ folderId: inbox.id, ids: [copy!.id] }], undoFrom: guide.address });
    expect(await copiesOf("Quote 41")).toMatchObject([{ accountId: guide.id, folderId: archive.id }]);
    expect(await used(support)).toBe(supportUsed - message.raw.length);
    expect(await used(guide)).toBe(guideUsed + message.raw.length);
    expect(await total(inbox.id)).toBe(before - 1);
    expect(await total(archive.id)).toBe(1);
    const events = await auditOf(support);
    expect(events.at(-1)).toMatchObject({
      action: "mail.move",
      details: { count: 1, toKind: "archive", toMailbox: guide.address },
    });
    expect(await auditOf(guide)).toEqual([]); // their own mailbox
  });

  it("puts one's own message in a shared mailbox, in its conversation there, audited on that side", async () => {
    await addMessage(t.db, support, { subject: "Invoice 9" });
    const mine = await addMessage(t.db, guide, { subject: "Re: Invoice 9" });
    const inbox = await folderOf(t.db, support, "inbox");
    await moveMessagesToMailbox(t.db, actorOf(guide), { address: guide.address }, [mine.id], {
      address: support.address,
      folderId: inbox.id,
    });
    const [original] = await copiesOf("Invoice 9");
    const [moved] = await copiesOf("Re: Invoice 9");
    expect(moved).toMatchObject({ accountId: support.id, folderId: inbox.id, threadId: original!.threadId });
    expect(await auditOf(support)).toContainEqual(
      expect.objectContaining({
        action: "mail.move",
        details: expect.objectContaining({ count: 1, fromMailbox: guide.address, fromKind: "inbox" }),
      }),
    );
  });

  it("within the same mailbox (however its address is written) is the usual move, with its Undo", async () => {
    const message = await addMessage(t.db, support, { subject: "Stays 1" });
    const archive = await folderOf(t.db, support, "archive");
    const inbox = await folderOf(t.db, support, "inbox");
    const before = await used(support);
    const result = await moveMessagesToMailbox(t.db, actorOf(guide), { address: support.address }, [message.id], {
      address: support.address.toUpperCase(),
      folderId: archive.id,
    });
    expect(result).toEqual({ count: 1, undo: [{ folderId: inbox.id, ids: [message.id] }] });
    expect(await copiesOf("Stays 1")).toMatchObject([{ accountId: support.id, folderId: archive.id }]);
    expect(await used(support)).toBe(before);
  });

  it("needs Full Access on both mailboxes: a stranger, Send As or Send on Behalf reach nothing", async () => {
    const message = await addMessage(t.db, support, { subject: "Private 7" });
    const inbox = await folderOf(t.db, support, "inbox");
    for (const who of [stranger, sendAs, onBehalf]) {
      const own = await folderOf(t.db, who, "inbox");
      const out = moveMessagesToMailbox(t.db, actorOf(who), { address: support.address }, [message.id], {
        address: who.address,
        folderId: own.id,
      });
      expect(await refusal(out)).toMatchObject({ code: "notFound" });
      const theirs = await addMessage(t.db, who, { subject: `Mine ${who.address}` });
      const into = moveMessagesToMailbox(t.db, actorOf(who), { address: who.address }, [theirs.id], {
        address: support.address,
        folderId: inbox.id,
      });
      expect(await refusal(into)).toMatchObject({ code: "notFound" });
    }
    expect(await copiesOf("Private 7")).toMatchObject([{ accountId: support.id }]);
    // Another mailbox's folder named as the target of one's own: not found.
    const mine = await addMessage(t.db, guide, { subject: "Own 3" });
    const strangers = await folderOf(t.db, stranger, "inbox");
    const wrong = moveMessagesToMailbox(t.db, actorOf(guide), { address: guide.address }, [mine.id], {
      address: support.address,
      folderId: strangers.id,
    });
    expect(await refusal(wrong)).toMatchObject({ code: "notFound" });
  });

  it("refuses what the target has no room for, changing nothing", async () => {
    const small = await createUser(t.db, org, { local: "small", quotaBytes: 100 });
    await delegate(t.db, support, small, { fullAccess: true });
    const message = await addMessage(t.db, support, { subject: "Big 1", text: "x".repeat(500) });
    const before = await used(support);
    const inbox = await folderOf(t.db, small, "inbox");
    const out = moveMessagesToMailbox(t.db, actorOf(small), { address: support.address }, [message.id], {
      address: small.address,
      folderId: inbox.id,
    });
    expect(await refusal(out)).toMatchObject({ code: "quotaExceeded" });
    expect(await copiesOf("Big 1")).toMatchObject([{ accountId: support.id }]);
    expect(await used(support)).toBe(before);
    expect(await used(small)).toBe(0);
  });

  it("keeps a delete-protected mailbox's mail in it (moving into it stays allowed)", async () => {
    const kept = await createShared(t.db, org, { local: "kept" });
    await t.db.update(accounts).set({ deleteProtection: true }).where(eq(accounts.id, kept.id));
    await delegate(t.db, kept, guide, { fullAccess: true });
    const message = await addMessage(t.db, kept, { subject: "Kept 1" });
    const own = await folderOf(t.db, guide, "inbox");
    const out = moveMessagesToMailbox(t.db, actorOf(guide), { address: kept.address }, [message.id], {
      address: guide.address,
      folderId: own.id,
    });
    expect(await refusal(out)).toMatchObject({ code: "moveOutProtected" });
    const mine = await addMessage(t.db, guide, { subject: "Given 1" });
    const keptInbox = await folderOf(t.db, kept, "inbox");
    const given = await moveMessagesToMailbox(t.db, actorOf(guide), { address: guide.address }, [mine.id], {
      address: kept.address,
      folderId: keptInbox.id,
    });
    expect(await copiesOf("Given 1")).toMatchObject([{ accountId: kept.id }]);
    // No Undo offered: it would take the message out again.
    expect(given).toEqual({ count: 1 });
  });

  it("Undo puts messages from two folders back where each was, quotas and audit following", async () => {
    const inbox = await folderOf(t.db, support, "inbox");
    const junk = await folderOf(t.db, support, "junk");
    const a = await addMessage(t.db, support, { subject: "Back A" });
    const b = await addMessage(t.db, support, { subject: "Back B", folder: "junk" });
    const own = await folderOf(t.db, guide, "archive");
    const [supportUsed, guideUsed] = [await used(support), await used(guide)];
    const moved = await moveMessagesToMailbox(t.db, actorOf(guide), { address: support.address }, [a.id, b.id], {
      address: guide.address,
      folderId: own.id,
    });
    expect(moved.count).toBe(2);
    expect(moved.undoFrom).toBe(guide.address);
    // Someone without Full Access on both cannot replay it.
    for (const who of [stranger, sendAs, onBehalf]) {
      const replay = restoreAcross(t.db, actorOf(who), { address: guide.address }, support, moved.undo!);
      expect(await refusal(replay)).toMatchObject({ code: "notFound" });
    }
    const undone = await restoreAcross(t.db, actorOf(guide), { address: guide.address }, support, moved.undo!);
    expect(undone).toEqual({ count: 2 });
    expect(await copiesOf("Back A")).toMatchObject([{ accountId: support.id, folderId: inbox.id }]);
    expect(await copiesOf("Back B")).toMatchObject([{ accountId: support.id, folderId: junk.id }]);
    expect([await used(support), await used(guide)]).toEqual([supportUsed, guideUsed]);
    const back = (await auditOf(support)).filter((e) => (e.details as { fromMailbox?: string }).fromMailbox);
    expect(back.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ count: 1, from: "Archive", fromMailbox: guide.address, toKind: "inbox" }),
        expect.objectContaining({ count: 1, from: "Archive", fromMailbox: guide.address, toKind: "junk" }),
      ]),
    );
  });
});
