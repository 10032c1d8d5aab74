import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { saveReadStateAction } from "../../app/mail/settings/actions";
import { accounts, delegations, folderReaderUnread, messageReads, type Account } from "../../db/schema";
import { updateSharedMailbox } from "../../lib/admin/shared/update-shared-mailbox";
import { listMailboxTrail } from "../../lib/audit/mailbox-trail";
import type { Actor } from "../../lib/auth/actor";
import { appendMessage } from "../../lib/imap-store/append";
import { openFolder, searchUids, storeFlags } from "../../lib/imap-store/messages";
import { resolveImapFolder } from "../../lib/imap-store/folders";
import { loadMailView } from "../../lib/mailboxes/mail-view";
import { setReadPerPerson } from "../../lib/mailboxes/read-state-setting";
import { deleteMessages, moveMessages, setSeen } from "../../lib/messages/manage-messages";
import { openMessage } from "../../lib/messages/read-message";
import { searchAllMailboxes } from "../../lib/search/search-all-mailboxes";
import { listPaneMailboxes } from "../../lib/shared-folders/pane-mailboxes";
import { refusal } from "../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf, signInAs } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Read state per person (issue 18 item 1): in a shared mailbox set so, each Full Access delegate has
 * their own read and unread state and counts — in the list, the reading pane, the folder pane,
 * search and IMAP \Seen — while the shared state stays what everyone starts from.
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let claire: Account;
let marc: Account;
let lea: Account;
let sendAs: Account;
let onBehalf: Account;
let stranger: Account;
let support: Account;
const ref = () => ({ address: support.address });

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** The Inbox row of the mailbox as `actor` sees it: unread count and which subjects are unread. */
async function inboxAs(actor: Actor, query: Record<string, string> = {}) {
  const view = await loadMailView(t.db, actor, { address: support.address, folder: "inbox", query });
  const inbox = view.folders.find((f) => f.kind === "inbox")!;
  const unread = view.list.rows.filter((r) => !r.seen).map((r) => r.subject);
  return { unreadCount: inbox.unreadCount, unread: unread.sort(), rows: view.list.rows };
}

const conversationsOf = (view: Awaited<ReturnType<typeof loadMailView>>) =>
  (view as { conversations?: Record<string, { unread: number }> }).conversations;

const imapInbox = () => `Shared/${support.address}/INBOX`;

beforeAll(async () => {
  org = await createOrg(t.db);
  claire = await createUser(t.db, org, { name: "Claire" });
  marc = await createUser(t.db, org, { name: "Marc" });
  lea = await createUser(t.db, org, { name: "Léa" });
  sendAs = await createUser(t.db, org, { name: "Sam" });
  onBehalf = await createUser(t.db, org, { name: "Olga" });
  stranger = await createUser(t.db, org, { name: "Stranger" });
  support = await createShared(t.db, org, { local: "support" });
  for (const person of [claire, marc, lea]) await delegate(t.db, support, person, { fullAccess: true });
  await delegate(t.db, support, sendAs, { sendAs: true });
  await delegate(t.db, support, onBehalf, { sendOnBehalf: true });
});

describe("read state per person", () => {
  it("shared by default: a message one delegate opens is read for the others", async () => {
    const msg = await addMessage(t.db, support, { subject: "Shared A" });
    await openMessage(t.db, actorOf(claire), ref(), msg.id);
    expect((await inboxAs(actorOf(marc))).unread).not.toContain("Shared A");
  });

  it("only a Full Access delegate may change the setting; the others and strangers learn nothing", async () => {
    for (const who of [sendAs, onBehalf, stranger]) {
      expect((await refusal(setReadPerPerson(t.db, actorOf(who), ref(), true))).code).toBe("notFound");
    }
    // Not for a person's own mailbox either.
    const own = await refusal(setReadPerPerson(t.db, actorOf(claire), { address: claire.address }, true));
    expect(own.code).toBe("notFound");
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, support.id));
    expect(row!.readPerPerson).toBe(false);
  });

  it("turned on through the settings form, audited on the mailbox", async () => {
    signInAs(claire);
    const bad = await saveReadStateAction(null, form({ mailbox: support.address, perPerson: "maybe" }));
    expect(bad?.ok).toBe(false);
    expect(await saveReadStateAction(null, form({ mailbox: support.address, perPerson: "1" }))).toMatchObject({
      ok: true,
    });
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, support.id));
    expect(row!.readPerPerson).toBe(true);
    const trail = await listMailboxTrail(t.db, actorOf(marc), { id: support.id }, null);
    expect(trail.events.map((e) => [e.action, e.actorAddress, e.details])).toContainEqual([
      "mailbox.readState",
      claire.address,
      { readPerPerson: true },
    ]);
  });

  it("the state everyone starts from is the shared one: nothing turns unread", async () => {
    expect((await inboxAs(actorOf(marc))).unread).not.toContain("Shared A");
    expect((await inboxAs(actorOf(lea))).unread).not.toContain("Shared A");
  });

  it("opening reads for the reader alone: list, counts and folder pane of the others are unchanged", async () => {
    await addMessage(t.db, support, { subject: "New B" });
    const c = await addMessage(t.db, support, { subject: "New C" });
    const before = await inboxAs(actorOf(marc));
    expect(before.unread).toEqual(["New B", "New C"]);

    const opened = await openMessage(t.db, actorOf(claire), ref(), c.id);
    expect(opened.message.seen).toBe(true);
    expect(await inboxAs(actorOf(claire))).toMatchObject({ unreadCount: before.unreadCount - 1, unread: ["New B"] });
    expect(await inboxAs(actorOf(marc))).toMatchObject({ unreadCount: before.unreadCount, unread: ["New B", "New C"] });
    // Marc opening it still finds it unread, then reads it himself.
    const forMarc = await getSeen(marc, c.id);
    expect(forMarc).toBe(false);
    await openMessage(t.db, actorOf(marc), ref(), c.id);
    expect((await inboxAs(actorOf(marc))).unread).toEqual(["New B"]);
    expect((await inboxAs(actorOf(lea))).unread).toEqual(["New B", "New C"]);

    const pane = await listPaneMailboxes(t.db, actorOf(lea));
    const leaInbox = pane.shared.find((m) => m.mailbox.id === support.id)?.folders.find((f) => f.kind === "inbox");
    expect(leaInbox?.unreadCount).toBe(before.unreadCount);
  });

  it("marking unread a message read for everyone makes it unread for the reader alone", async () => {
    const read = await addMessage(t.db, support, { subject: "Old D", seen: true });
    const leaBefore = (await inboxAs(actorOf(lea))).unreadCount;
    const marcBefore = (await inboxAs(actorOf(marc))).unreadCount;
    await setSeen(t.db, actorOf(lea), ref(), [read.id], false);
    expect(await inboxAs(actorOf(lea))).toMatchObject({ unreadCount: leaBefore + 1 });
    expect((await inboxAs(actorOf(lea))).unread).toContain("Old D");
    expect((await inboxAs(actorOf(marc))).unreadCount).toBe(marcBefore);
    // …and read again: her exception goes, her count comes back.
    await setSeen(t.db, actorOf(lea), ref(), [read.id], true);
    expect((await inboxAs(actorOf(lea))).unreadCount).toBe(leaBefore);
    const left = await t.db
      .select()
      .from(messageReads)
      .where(and(eq(messageReads.readerId, lea.id), eq(messageReads.messageId, read.id)));
    expect(left).toEqual([]);
  });

  it("the Unread filter and is:unread show the reader's own unread", async () => {
    expect((await inboxAs(actorOf(claire), { show: "unread" })).rows.map((r) => r.subject)).toEqual(["New B"]);
    expect((await inboxAs(actorOf(lea), { show: "unread" })).rows.map((r) => r.subject).sort()).toEqual([
      "New B",
      "New C",
    ]);
    const found = await searchAllMailboxes(t.db, actorOf(claire), { q: "is:unread", cursor: null });
    expect(found.hits.filter((h) => h.accountId === support.id).map((h) => h.subject)).toEqual(["New B"]);
    const searched = await inboxAs(actorOf(lea), { q: "New" });
    expect(searched.unread).toEqual(["New B", "New C"]);
  });

  it("conversations count the reader's own unread", async () => {
    const view = await loadMailView(
      t.db,
      { ...actorOf(claire), conversationView: true },
      { address: support.address, folder: "inbox", query: {} },
    );
    const row = view.list.rows.find((r) => r.subject === "New C")!;
    expect(conversationsOf(view)?.[row.threadId]?.unread).toBe(0);
    const forLea = await loadMailView(
      t.db,
      { ...actorOf(lea), conversationView: true },
      { address: support.address, folder: "inbox", query: {} },
    );
    expect(conversationsOf(forLea)?.[row.threadId]?.unread).toBe(1);
  });

  it("a message moved keeps each reader's state and counts follow it; deleted, the counts come back", async () => {
    const moving = await addMessage(t.db, support, { subject: "Moving E" });
    await openMessage(t.db, actorOf(claire), ref(), moving.id);
    const archive = await folderOf(t.db, support, "archive");
    await moveMessages(t.db, actorOf(marc), ref(), [moving.id], archive.id);
    const archiveOf = async (who: Account) =>
      (await loadMailView(t.db, actorOf(who), { address: support.address, folder: "archive", query: {} })).folders.find(
        (f) => f.kind === "archive",
      )!.unreadCount;
    expect(await archiveOf(claire)).toBe(0);
    expect(await archiveOf(marc)).toBe(1);
    expect(await getSeen(claire, moving.id)).toBe(true);
    await deleteMessages(t.db, actorOf(marc), ref(), [moving.id]);
    expect(await archiveOf(claire)).toBe(0);
    expect(await archiveOf(marc)).toBe(0);
  });

  it("over IMAP, \\Seen is the reader's own: STORE, FETCH, SEARCH and STATUS", async () => {
    const imap = await addMessage(t.db, support, { subject: "Imap F" });
    const leaFolder = await openFolder(t.db, actorOf(lea), imapInbox());
    const uid = leaFolder.messages.at(-1)!.uid;
    const stored = await storeFlags(t.db, actorOf(lea), imapInbox(), [uid], "add", ["\\Seen", "\\Flagged"]);
    expect(stored).toEqual([{ uid, flags: expect.arrayContaining(["\\Seen", "\\Flagged"]) }]);
    const marcView = await openFolder(t.db, actorOf(marc), imapInbox());
    // Flagged is everyone's; Seen is Léa's alone.
    expect(marcView.messages.find((m) => m.uid === uid)?.flags).toEqual(["\\Flagged"]);
    expect(await getSeen(lea, imap.id)).toBe(true);
    const unseen = [{ key: "flag", value: "\\Seen", exists: false }];
    expect(await searchUids(t.db, actorOf(lea), imapInbox(), unseen)).not.toContain(uid);
    expect(await searchUids(t.db, actorOf(marc), imapInbox(), unseen)).toContain(uid);
    const status = async (who: Account) => (await resolveImapFolder(t.db, actorOf(who), imapInbox()))!.folder.unread;
    const [leaBefore, marcBefore] = [await status(lea), await status(marc)];
    await storeFlags(t.db, actorOf(lea), imapInbox(), [uid], "remove", ["\\Seen"]);
    expect([await status(lea), await status(marc)]).toEqual([leaBefore + 1, marcBefore]);
  });

  it("over IMAP, a message appended as \\Seen is read for the appender alone", async () => {
    const raw = Buffer.from("From: a@elsewhere.test\r\nSubject: Appended H\r\n\r\nKept from a client.\r\n");
    const { uid } = await appendMessage(t.db, actorOf(lea), { path: imapInbox(), raw, flags: ["\\Seen"] });
    const flagsOf = async (who: Account) =>
      (await openFolder(t.db, actorOf(who), imapInbox())).messages.find((m) => m.uid === uid)?.flags;
    expect(await flagsOf(lea)).toEqual(["\\Seen"]);
    expect(await flagsOf(marc)).toEqual([]);
  });

  it("a delegate who loses Full Access loses their read state of the mailbox, and their counts with it", async () => {
    const mine = await addMessage(t.db, support, { subject: "Lost I" });
    await openMessage(t.db, actorOf(lea), ref(), mine.id);
    const rowsOf = (who: Account) =>
      t.db
        .select()
        .from(messageReads)
        .where(and(eq(messageReads.readerId, who.id), eq(messageReads.mailboxId, support.id)));
    expect((await rowsOf(lea)).length).toBeGreaterThan(0);
    await t.db
      .update(delegations)
      .set({ fullAccess: false, sendAs: true })
      .where(and(eq(delegations.mailboxId, support.id), eq(delegations.delegateId, lea.id)));
    expect(await rowsOf(lea)).toEqual([]);
    const deltas = await t.db.select().from(folderReaderUnread).where(eq(folderReaderUnread.readerId, lea.id));
    expect(deltas.every((d) => d.delta === 0)).toBe(true);
    expect((await rowsOf(claire)).length).toBeGreaterThan(0);
    await t.db
      .update(delegations)
      .set({ fullAccess: true, sendAs: false })
      .where(and(eq(delegations.mailboxId, support.id), eq(delegations.delegateId, lea.id)));
  });

  it("turned off: everyone's own state is forgotten, the shared one stays", async () => {
    const marcBefore = await inboxAs(actorOf(marc));
    await setReadPerPerson(t.db, actorOf(marc), ref(), false);
    const left = await t.db.select().from(messageReads).where(eq(messageReads.mailboxId, support.id));
    expect(left).toEqual([]);
    const forClaire = await inboxAs(actorOf(claire));
    const forLea = await inboxAs(actorOf(lea));
    expect(forClaire).toMatchObject({ unreadCount: forLea.unreadCount, unread: forLea.unread });
    expect(forClaire.unread).toContain("New C");
    expect(forClaire.unreadCount).toBeGreaterThanOrEqual(marcBefore.unreadCount);
  });

  it("the admin sets it on the mailbox's page too; off, the exceptions go", async () => {
    const admin = await createUser(t.db, org, { role: "admin" });
    const [box] = await t.db.select().from(accounts).where(eq(accounts.id, support.id));
    const edit = (readPerPerson: boolean) =>
      updateSharedMailbox(t.db, actorOf(admin), {
        id: box!.id,
        displayName: box!.displayName,
        quotaBytes: box!.quotaBytes,
        hidden: box!.hiddenFromDirectory,
        saveSentCopy: box!.saveSentCopy,
        deleteProtection: box!.deleteProtection,
        readPerPerson,
      });
    expect(await edit(true)).toEqual({ changed: true });
    const msg = await addMessage(t.db, support, { subject: "Admin G" });
    await openMessage(t.db, actorOf(claire), ref(), msg.id);
    expect(await getSeen(marc, msg.id)).toBe(false);
    expect(await edit(false)).toEqual({ changed: true });
    expect(await t.db.select().from(messageReads).where(eq(messageReads.mailboxId, support.id))).toEqual([]);
    expect(await getSeen(claire, msg.id)).toBe(false);
  });
});

/** Whether `who` has read the message, as the reading pane sees it (opened without marking it read). */
async function getSeen(who: Account, id: string): Promise<boolean> {
  return (await openMessage(t.db, actorOf(who), ref(), id, { markRead: false })).message.seen;
}
