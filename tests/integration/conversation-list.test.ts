import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, messages, type Account } from "../../db/schema";
import { getMailboxAccess } from "../../lib/access/mailbox-access";
import type { Actor } from "../../lib/auth/actor";
import { setConversationView } from "../../lib/accounts/preferences";
import {
  conversationMessages,
  expandConversationRows,
  newestOfConversation,
} from "../../lib/conversations/conversation-list";
import { selectFolders } from "../../lib/mailboxes/folders";
import { openMessage } from "../../lib/messages/read-message";
import { searchAllMailboxes } from "../../lib/search/search-all-mailboxes";
import { loadListView } from "../../lib/mailboxes/mail-view";
import { listFolderPage, pageQuery, pageRequest } from "../../lib/messages/list-messages";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { refusal } from "../support/domain-error";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Conversations in the list (issue 16 item 1): one row per conversation of a folder — its newest
 * message there — with its count, unread count and senders; keyset paging kept; the reading pane's
 * conversation; actions on a conversation row reach its messages in the folder, for Full Access only.
 */
const t = useTestDb();
let owner: Account;
let support: Account;
let full: Account;
let sendAs: Account;
let onBehalf: Account;
let stranger: Account;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 9, minutes));
const ids: Record<string, string> = {};

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org, { name: "Owner" });
  support = await createShared(t.db, org, { local: "support" });
  full = await createUser(t.db, org, { local: "full" });
  sendAs = await createUser(t.db, org, { local: "sendas" });
  onBehalf = await createUser(t.db, org, { local: "onbehalf" });
  stranger = await createUser(t.db, org, { local: "stranger" });
  await delegate(t.db, support, full, { fullAccess: true });
  await delegate(t.db, support, sendAs, { sendAs: true });
  await delegate(t.db, support, onBehalf, { sendOnBehalf: true });
  const claire = { name: "Claire", address: "claire@elsewhere.test" };
  const marc = { name: "Marc", address: "marc@elsewhere.test" };
  // Order 12: three messages in the Inbox, the oldest unread; Lunch: one; Invoice: one in the
  // Inbox and its reply in Archive.
  ids.order1 = (await addMessage(t.db, owner, { subject: "Order 12", from: claire, receivedAt: at(1) })).id;
  ids.invoice1 = (await addMessage(t.db, owner, { subject: "Invoice 7", receivedAt: at(2), seen: true })).id;
  ids.order2 = (
    await addMessage(t.db, owner, { subject: "Re: Order 12", from: marc, receivedAt: at(3), seen: true })
  ).id;
  ids.lunch = (await addMessage(t.db, owner, { subject: "Lunch", receivedAt: at(4), seen: true })).id;
  ids.order3 = (
    await addMessage(t.db, owner, { subject: "RE: Order 12", from: claire, receivedAt: at(5), seen: true })
  ).id;
  ids.invoice2 = (
    await addMessage(t.db, owner, { subject: "Re: Invoice 7", folder: "archive", receivedAt: at(6), seen: true })
  ).id;
  ids.deleted = (
    await addMessage(t.db, owner, { subject: "Re: Order 12", folder: "deleted", receivedAt: at(7), seen: true })
  ).id;
  await setConversationView(t.db, actorOf(owner), true);
});

const setSeenTo = (account: Account, id: string, seen: boolean) =>
  t.db
    .update(messages)
    .set({ seen })
    .where(and(eq(messages.accountId, account.id), eq(messages.id, id)));

const grouped = (account: Account) => ({ ...actorOf(account), conversationView: true });

async function inbox(account: Account, actor: Actor = grouped(account), query: Record<string, string> = {}) {
  const access = (await getMailboxAccess(t.db, actor, { id: account.id }))!;
  const folders = await selectFolders(t.db, access.mailbox);
  return loadListView(t.db, actor, access, folders, { folder: "inbox", query });
}

describe("conversations in the list", () => {
  it("show one row per conversation, its newest message, with count, unread and senders", async () => {
    const view = await inbox(owner);
    expect(view.list.rows.map((r) => r.id)).toEqual([ids.order3, ids.lunch, ids.invoice1]);
    const order = view.conversations![view.list.rows[0]!.threadId]!;
    expect(order).toEqual({ count: 3, unread: 1, flagged: false, hasAttachments: false, senders: ["Claire", "Marc"] });
    expect(view.conversations![view.list.rows[2]!.threadId]!.count).toBe(1); // its reply is in Archive
  });

  it("list each message when the setting is off", async () => {
    const off = await inbox(owner, actorOf(owner));
    expect(off.list.rows).toHaveLength(5);
    expect(off.conversations).toBeUndefined();
    const searched = await inbox(owner, actorOf(owner), { q: "Order" });
    expect(searched.list.rows.map((r) => r.id).sort()).toEqual([ids.order1, ids.order2, ids.order3].sort());
  });

  it("group a search too: each conversation's newest match, the conversations counted", async () => {
    const searched = await inbox(owner, grouped(owner), { q: "Order" });
    expect(searched.list.rows.map((r) => r.id)).toEqual([ids.order3]);
    expect(searched.search!.found).toEqual({ count: 1, more: false });
    expect(searched.conversations![searched.list.rows[0]!.threadId]!.count).toBe(3);
    // The match is an older message: that one stands for the conversation.
    const fromMarc = await inbox(owner, grouped(owner), { q: "from:Marc" });
    expect(fromMarc.list.rows.map((r) => r.id)).toEqual([ids.order2]);
    // The whole mailbox: one conversation across Inbox and Archive, its newest match in Archive.
    const everywhere = await inbox(owner, grouped(owner), { q: "Invoice", scope: "mailbox" });
    expect(everywhere.list.rows.map((r) => r.id)).toEqual([ids.invoice2]);
    expect(everywhere.conversations![everywhere.list.rows[0]!.threadId]!.count).toBe(2);
  });

  it("group the search of every mailbox too, each hit saying how big its conversation is", async () => {
    const everywhere = await searchAllMailboxes(t.db, grouped(owner), { q: "Order", cursor: null });
    expect(everywhere.hits.map((h) => [h.id, h.conversationCount])).toEqual([[ids.deleted, 4]]);
    expect(everywhere.found).toEqual({ count: 1, more: false });
    const apart = await searchAllMailboxes(t.db, actorOf(owner), { q: "Order", cursor: null });
    expect(apart.hits).toHaveLength(4);
    expect(apart.hits[0]!.conversationCount).toBeUndefined();
  });

  it("with the Unread filter, show a conversation whose unread message is not its newest", async () => {
    const view = await inbox(owner, grouped(owner), { show: "unread" });
    expect(view.list.rows.map((r) => r.id)).toEqual([ids.order1]);
    expect(view.conversations![view.list.rows[0]!.threadId]!.count).toBe(3);
  });

  it("page by keyset: every conversation once, newest first, however the pages fall", async () => {
    const mailbox = await createUser(t.db, { id: owner.orgId, domain: owner.address.split("@")[1]! });
    for (let i = 0; i < 7; i++) {
      await addMessage(t.db, mailbox, { subject: `Topic ${i}`, receivedAt: at(10 + i) });
      await addMessage(t.db, mailbox, { subject: `Re: Topic ${(i * 3) % 7}`, receivedAt: at(30 + i) });
    }
    const folder = await folderOf(t.db, mailbox, "inbox");
    const seen: string[] = [];
    let request = pageRequest({});
    for (;;) {
      const page = await listFolderPage(t.db, folder, request, 3, newestOfConversation());
      seen.push(...page.rows.map((r) => r.subject));
      if (!page.older) break;
      request = pageRequest({ after: page.older });
    }
    // Each topic once, by its newest message (the replies, 30 + i minutes, in that order, newest first).
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `Re: Topic ${(i * 3) % 7}`));
  });

  it("read a folder's page through its listing index, each row probing its conversation (no sort)", async () => {
    const folder = await folderOf(t.db, owner, "inbox");
    const where = and(eq(messages.orgId, folder.orgId), eq(messages.folderId, folder.id), newestOfConversation());
    const text = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const result = (await tx.execute(
        sql`explain ${pageQuery(tx, where, { cursor: null, direction: "after" }, 51)}`,
      )) as unknown as Record<string, string>[] | { rows: Record<string, string>[] };
      return (Array.isArray(result) ? result : result.rows).map((r) => Object.values(r)[0]).join("\n");
    });
    // The listing index in order, each row probing an index for a newer message of its conversation
    // (messages_thread on a large folder: docs/benchmarks.md), never a hash of the folder.
    expect(text).toContain("messages_folder_listing");
    expect(text).toMatch(/Nested Loop Anti Join/);
    expect(text).not.toMatch(/Sort|Hash|Seq Scan/);
  });
});

describe("a conversation row's actions", () => {
  it("reach every message of the conversation in the row's folder, and no other", async () => {
    const expanded = await expandConversationRows(t.db, actorOf(owner), { address: owner.address }, [ids.order3!]);
    expect(expanded.sort()).toEqual([ids.order1, ids.order2, ids.order3].sort());
    const invoice = await expandConversationRows(t.db, actorOf(owner), { address: owner.address }, [ids.invoice1!]);
    expect(invoice).toEqual([ids.invoice1]);
  });

  it("are for Full Access alone: a stranger, Send As or Send on Behalf get not found", async () => {
    const message = await addMessage(t.db, support, { subject: "Help" });
    await addMessage(t.db, support, { subject: "Re: Help" });
    const ref = { address: support.address };
    expect(await expandConversationRows(t.db, actorOf(full), ref, [message.id])).toHaveLength(2);
    for (const who of [stranger, sendAs, onBehalf]) {
      expect(await refusal(expandConversationRows(t.db, actorOf(who), ref, [message.id]))).toMatchObject({
        code: "notFound",
      });
    }
    // Another mailbox's message named through one's own: nothing reached.
    expect(
      await refusal(expandConversationRows(t.db, actorOf(full), { address: full.address }, [message.id])),
    ).toMatchObject({ code: "notFound" });
  });
});

describe("the reading pane's conversation", () => {
  it("opened as a conversation, is read whole in its folder (not in other folders)", async () => {
    const mailbox = await createUser(t.db, { id: owner.orgId, domain: owner.address.split("@")[1]! });
    const first = await addMessage(t.db, mailbox, { subject: "Visit", receivedAt: at(1) });
    const archived = await addMessage(t.db, mailbox, { subject: "Re: Visit", folder: "archive", receivedAt: at(2) });
    const last = await addMessage(t.db, mailbox, { subject: "Re: Visit", receivedAt: at(3) });
    const seen = async () =>
      Object.fromEntries(
        (
          await t.db
            .select({ id: messages.id, seen: messages.seen })
            .from(messages)
            .where(eq(messages.accountId, mailbox.id))
        ).map((r) => [r.id, r.seen]),
      );
    await openMessage(t.db, actorOf(mailbox), { address: mailbox.address }, first.id);
    expect(await seen()).toEqual({ [first.id]: true, [archived.id]: false, [last.id]: false });
    await setSeenTo(mailbox, first.id, false);
    await openMessage(t.db, actorOf(mailbox), { address: mailbox.address }, last.id, { conversation: true });
    expect(await seen()).toEqual({ [first.id]: true, [archived.id]: false, [last.id]: true });
    // Kept unread after "Mark as unread": nothing is marked.
    await setSeenTo(mailbox, first.id, false);
    await openMessage(t.db, actorOf(mailbox), { address: mailbox.address }, last.id, {
      conversation: true,
      markRead: false,
    });
    expect((await seen())[first.id]).toBe(false);
  });

  it("lists the conversation's messages in the mailbox, newest first, without Deleted Items", async () => {
    const access = (await getMailboxAccess(t.db, actorOf(owner), { id: owner.id }))!;
    const [order] = await t.db.select().from(messages).where(eq(messages.id, ids.order3!));
    const shown = await conversationMessages(t.db, access.mailbox, { threadId: order!.threadId, folderKind: "inbox" });
    expect(shown.map((m) => m.id)).toEqual([ids.order3, ids.order2, ids.order1]);
    const binned = await conversationMessages(t.db, access.mailbox, {
      threadId: order!.threadId,
      folderKind: "deleted",
    });
    expect(binned.map((m) => m.id)).toEqual([ids.deleted, ids.order3, ids.order2, ids.order1]);
    const [invoice] = await t.db.select().from(messages).where(eq(messages.id, ids.invoice1!));
    const both = await conversationMessages(t.db, access.mailbox, { threadId: invoice!.threadId, folderKind: "inbox" });
    expect(both.map((m) => [m.id, m.folderKind])).toEqual([
      [ids.invoice2, "archive"],
      [ids.invoice1, "inbox"],
    ]);
  });
});

describe("the setting", () => {
  it("is on for a new account, and the person's own: it changes their account and no other", async () => {
    const byId = async () =>
      Object.fromEntries(
        (
          await t.db
            .select({ id: accounts.id, on: accounts.conversationView })
            .from(accounts)
            .where(eq(accounts.orgId, owner.orgId))
        ).map((r) => [r.id, r.on]),
      );
    const before = await byId();
    expect(before[stranger.id]).toBe(true);
    await setConversationView(t.db, actorOf(full), false);
    expect(await byId()).toEqual({ ...before, [full.id]: false });
    await setConversationView(t.db, actorOf(full), true);
    expect(await byId()).toEqual(before);
  });
});
