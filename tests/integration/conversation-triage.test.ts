import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, delegations, type Account } from "../../db/schema";
import type { ComposeInput } from "../../lib/compose/recipient-fields";
import { sendMessage } from "../../lib/compose/send";
import {
  assignConversation,
  conversationTriage,
  markConversationDone,
  triageCondition,
  triageOfMessages,
} from "../../lib/conversations/triage";
import { deliverInbound } from "../../lib/inbound/deliver-inbound";
import { listFolderPage } from "../../lib/messages/list-messages";
import { parseListing } from "../../lib/mime/parse-listing";
import { DEFAULT_THRESHOLDS } from "../../lib/quota/thresholds";
import { refusal } from "../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Assign and resolve (issue 18 item 2) with three delegates of support@: assigning, taking, done and
 * reopened, each in the trail; a reply takes an unassigned conversation; a customer's new message
 * reopens a done one (local delivery and SMTP); an assignee who loses Full Access is unassigned; the
 * list's filters. Send As alone, a stranger: nothing.
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let support: Account;
let claire: Account;
let marc: Account;
let lea: Account;
let sam: Account;
let stranger: Account;
let customer: Account;

const ref = (messageId: string) => ({ address: support.address, messageId });
const state = async (who: Account, messageId: string) => {
  const { assignee, done } = await conversationTriage(t.db, actorOf(who), support.address, messageId);
  return { assignee: assignee?.name ?? null, done };
};
const trail = async (action: string) =>
  (
    await t.db
      .select({ actorId: auditEvents.actorId, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.mailboxId, support.id), eq(auditEvents.action, action)))
      .orderBy(auditEvents.at)
  ).map((e) => ({ actorId: e.actorId, ...(e.details as Record<string, unknown>) }));

const mail = (from: Account, fields: Partial<ComposeInput>): ComposeInput => ({
  from: { mode: "as", address: from.address },
  to: "",
  cc: "",
  bcc: "",
  subject: "",
  body: "Hello",
  attachments: [],
  keep: [],
  ...fields,
});

beforeAll(async () => {
  org = await createOrg(t.db);
  support = await createShared(t.db, org, { local: "support", name: "Support" });
  claire = await createUser(t.db, org, { name: "Claire" });
  marc = await createUser(t.db, org, { name: "Marc" });
  lea = await createUser(t.db, org, { name: "Léa" });
  sam = await createUser(t.db, org, { name: "Sam" });
  customer = await createUser(t.db, org, { name: "Customer" });
  stranger = await createUser(t.db, await createOrg(t.db));
  for (const person of [claire, marc, lea]) await delegate(t.db, support, person, { fullAccess: true, sendAs: true });
  await delegate(t.db, support, sam, { sendAs: true, sendOnBehalf: true });
});

describe("assign and resolve", () => {
  it("assigns to a Full Access delegate, takes, marks done and reopens, each in the trail", async () => {
    const msg = await addMessage(t.db, support, { subject: "Order 12" });
    expect(await state(marc, msg.id)).toEqual({ assignee: null, done: false });
    const { delegates } = await conversationTriage(t.db, actorOf(claire), support.address, msg.id);
    expect(delegates.map((d) => d.name)).toEqual(["Claire", "Léa", "Marc"]);

    await assignConversation(t.db, actorOf(claire), { ...ref(msg.id), assigneeId: marc.id });
    expect(await state(lea, msg.id)).toEqual({ assignee: "Marc", done: false });
    await assignConversation(t.db, actorOf(lea), { ...ref(msg.id), assigneeId: lea.id });
    await markConversationDone(t.db, actorOf(lea), { ...ref(msg.id), done: true });
    expect(await state(claire, msg.id)).toEqual({ assignee: "Léa", done: true });
    await markConversationDone(t.db, actorOf(claire), { ...ref(msg.id), done: false });
    expect(await state(claire, msg.id)).toEqual({ assignee: "Léa", done: false });

    expect(await trail("conversation.assign")).toEqual([
      { actorId: claire.id, subject: "Order 12", assignee: "Marc", previous: null },
      { actorId: lea.id, subject: "Order 12", assignee: "Léa", previous: "Marc" },
    ]);
    expect(await trail("conversation.done")).toEqual([{ actorId: lea.id, subject: "Order 12" }]);
    expect(await trail("conversation.reopen")).toEqual([{ actorId: claire.id, subject: "Order 12" }]);
  });

  it("refuses an assignee without Full Access; Send As alone, a stranger, see and change nothing", async () => {
    const msg = await addMessage(t.db, support, { subject: "Private" });
    const refused = await refusal(assignConversation(t.db, actorOf(claire), { ...ref(msg.id), assigneeId: sam.id }));
    expect(refused).toMatchObject({ code: "notADelegate", fieldErrors: { assigneeId: ["notADelegate"] } });
    for (const who of [sam, stranger]) {
      expect((await refusal(conversationTriage(t.db, actorOf(who), support.address, msg.id))).code).toBe("notFound");
      const assign = assignConversation(t.db, actorOf(who), { ...ref(msg.id), assigneeId: who.id });
      expect((await refusal(assign)).code).toBe("notFound");
      const done = markConversationDone(t.db, actorOf(who), { ...ref(msg.id), done: true });
      expect((await refusal(done)).code).toBe("notFound");
    }
    expect(await state(claire, msg.id)).toEqual({ assignee: null, done: false });
    const own = await addMessage(t.db, claire, { subject: "Mine" });
    const mine = conversationTriage(t.db, actorOf(claire), claire.address, own.id);
    expect((await refusal(mine)).code).toBe("conversationsSharedOnly");
  });

  it("a reply from the mailbox takes an unassigned conversation for the replier, never an assigned one", async () => {
    const free = await addMessage(t.db, support, { subject: "Refund 4" });
    await sendMessage(
      t.db,
      actorOf(claire),
      mail(claire, { from: { mode: "as", address: support.address }, to: customer.address, replyOf: free.id }),
    );
    expect(await state(marc, free.id)).toEqual({ assignee: "Claire", done: false });
    expect(await trail("conversation.assign")).toContainEqual({
      actorId: claire.id,
      subject: "Refund 4",
      assignee: "Claire",
      previous: null,
      byReply: true,
    });

    const taken = await addMessage(t.db, support, { subject: "Refund 5" });
    await assignConversation(t.db, actorOf(marc), { ...ref(taken.id), assigneeId: marc.id });
    await sendMessage(t.db, actorOf(claire), mail(claire, { to: customer.address, replyOf: taken.id }));
    expect(await state(claire, taken.id)).toEqual({ assignee: "Marc", done: false });
  });

  it("a customer's new message reopens a done conversation, delivered locally or over SMTP", async () => {
    const first = await addMessage(t.db, support, { subject: "Broken printer" });
    await markConversationDone(t.db, actorOf(marc), { ...ref(first.id), done: true });
    await sendMessage(t.db, actorOf(customer), mail(customer, { to: support.address, subject: "Re: Broken printer" }));
    expect(await state(marc, first.id)).toEqual({ assignee: null, done: false });

    await markConversationDone(t.db, actorOf(marc), { ...ref(first.id), done: true });
    const raw = Buffer.from(
      `From: someone@elsewhere.test\r\nTo: ${support.address}\r\nSubject: Re: Broken printer\r\n\r\nStill broken\r\n`,
    );
    const [inbox, junk] = await Promise.all([folderOf(t.db, support, "inbox"), folderOf(t.db, support, "junk")]);
    const mailbox = {
      id: support.id,
      orgId: support.orgId,
      address: support.address,
      displayName: support.displayName,
      quotaBytes: support.quotaBytes,
      usedBytes: 0,
      inboxId: inbox.id,
      junkId: junk.id,
      ...DEFAULT_THRESHOLDS,
    };
    await deliverInbound(t.db, { raw, listing: await parseListing(raw), recipients: [mailbox], junk: false });
    expect(await state(marc, first.id)).toEqual({ assignee: null, done: false });

    // A reply sent from the mailbox (its Sent copy) does not reopen it.
    await markConversationDone(t.db, actorOf(marc), { ...ref(first.id), done: true });
    await sendMessage(
      t.db,
      actorOf(marc),
      mail(marc, { from: { mode: "as", address: support.address }, to: customer.address, replyOf: first.id }),
    );
    expect((await state(marc, first.id)).done).toBe(true);
  });

  it("an assignee who loses Full Access is unassigned; others keep theirs", async () => {
    const a = await addMessage(t.db, support, { subject: "Lost access A" });
    const b = await addMessage(t.db, support, { subject: "Lost access B" });
    await assignConversation(t.db, actorOf(claire), { ...ref(a.id), assigneeId: lea.id });
    await assignConversation(t.db, actorOf(claire), { ...ref(b.id), assigneeId: marc.id });
    await t.db
      .update(delegations)
      .set({ fullAccess: false })
      .where(and(eq(delegations.mailboxId, support.id), eq(delegations.delegateId, lea.id)));
    expect(await state(claire, a.id)).toEqual({ assignee: null, done: false });
    expect(await state(claire, b.id)).toEqual({ assignee: "Marc", done: false });
    await t.db
      .delete(delegations)
      .where(and(eq(delegations.mailboxId, support.id), eq(delegations.delegateId, marc.id)));
    expect(await state(claire, b.id)).toEqual({ assignee: null, done: false });
    await t.db
      .update(delegations)
      .set({ fullAccess: true })
      .where(and(eq(delegations.mailboxId, support.id), eq(delegations.delegateId, lea.id)));
    await delegate(t.db, support, marc, { fullAccess: true, sendAs: true });
  });

  it("the list filters Mine, Unassigned, Open and Done, and each row says who handles it", async () => {
    const box = await createShared(t.db, org, { local: "triage-list" });
    for (const person of [claire, marc]) await delegate(t.db, box, person, { fullAccess: true });
    const ids: Record<string, string> = {};
    for (const subject of ["Alpha", "Bravo", "Charlie", "Delta"])
      ids[subject] = (await addMessage(t.db, box, { subject })).id;
    const at = (id: string) => ({ address: box.address, messageId: id });
    await assignConversation(t.db, actorOf(claire), { ...at(ids.Alpha!), assigneeId: claire.id });
    await assignConversation(t.db, actorOf(claire), { ...at(ids.Bravo!), assigneeId: marc.id });
    await markConversationDone(t.db, actorOf(marc), { ...at(ids.Bravo!), done: true });
    await markConversationDone(t.db, actorOf(marc), { ...at(ids.Charlie!), done: true });

    const inbox = await folderOf(t.db, box, "inbox");
    const subjects = async (filter: "mine" | "unassigned" | "open" | "done", who: Account) => {
      const page = await listFolderPage(
        t.db,
        inbox,
        { cursor: null, direction: "after" },
        50,
        triageCondition(filter, actorOf(who)),
      );
      return page.rows.map((r) => r.subject).sort();
    };
    expect(await subjects("mine", claire)).toEqual(["Alpha"]);
    expect(await subjects("mine", marc)).toEqual(["Bravo"]);
    expect(await subjects("unassigned", claire)).toEqual(["Charlie", "Delta"]);
    expect(await subjects("open", claire)).toEqual(["Alpha", "Delta"]);
    expect(await subjects("done", claire)).toEqual(["Bravo", "Charlie"]);

    const rows = await triageOfMessages(t.db, box, Object.values(ids));
    expect(rows).toEqual({
      [ids.Alpha!]: { assignee: "Claire", done: false },
      [ids.Bravo!]: { assignee: "Marc", done: true },
      [ids.Charlie!]: { assignee: null, done: true },
    });
  });
});
