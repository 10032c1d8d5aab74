import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { conversationReplies, conversationStates, messages, type Account } from "../../db/schema";
import { sendMessage } from "../../lib/compose/send";
import { submitMessage } from "../../lib/compose/submit";
import { buildMessage } from "../../lib/mime/build-message";
import { refusal } from "../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * A reply sent by a mail client (SMTP submission) from a shared mailbox counts as the webmail's does
 * (R16, issue 18): the answered message is marked answered, the conversation records who replied and
 * is taken by them, and a delegate replying afterwards from the webmail is warned.
 */
const t = useTestDb();
let support: Account;
let claire: Account;
let marc: Account;
let customer: Account;

beforeAll(async () => {
  const org = await createOrg(t.db);
  support = await createShared(t.db, org, { local: "support", name: "Support" });
  claire = await createUser(t.db, org, { name: "Claire" });
  marc = await createUser(t.db, org, { name: "Marc" });
  customer = await createUser(t.db, org, { local: "customer" });
  for (const who of [claire, marc]) await delegate(t.db, support, who, { fullAccess: true, sendAs: true });
});

describe("a reply by submission from a shared mailbox", () => {
  it("marks it answered, records the replier, takes the conversation; the next replier is warned", async () => {
    const asked = await addMessage(t.db, support, {
      subject: "Order 12",
      from: { name: "C", address: customer.address },
    });
    const [original] = await t.db
      .select({ header: messages.messageIdHeader, threadId: messages.threadId })
      .from(messages)
      .where(eq(messages.id, asked.id));
    const openedByMarc = new Date();
    const raw = await buildMessage({
      from: { name: "Support", address: support.address },
      to: [{ name: "", address: customer.address }],
      subject: "Re: Order 12",
      text: "Sent from a mail client.",
      inReplyTo: original!.header!,
    });
    await submitMessage(t.db, actorOf(claire), { raw, recipients: [customer.address] });

    const [answered] = await t.db
      .select({ answered: messages.answered })
      .from(messages)
      .where(eq(messages.id, asked.id));
    expect(answered!.answered).toBe(true);
    const inThread = and(
      eq(conversationReplies.accountId, support.id),
      eq(conversationReplies.threadId, original!.threadId),
    );
    expect(
      await t.db.select({ who: conversationReplies.replierName }).from(conversationReplies).where(inThread),
    ).toEqual([{ who: "Claire" }]);
    const [state] = await t.db
      .select({ assigneeId: conversationStates.assigneeId })
      .from(conversationStates)
      .where(and(eq(conversationStates.accountId, support.id), eq(conversationStates.threadId, original!.threadId)));
    expect(state!.assigneeId).toBe(claire.id);

    const late = sendMessage(t.db, actorOf(marc), {
      from: { mode: "as", address: support.address },
      to: customer.address,
      cc: "",
      bcc: "",
      subject: "Re: Order 12",
      body: "From the webmail.",
      attachments: [],
      keep: [],
      replyOf: asked.id,
      openedAt: openedByMarc,
    });
    expect(await refusal(late)).toMatchObject({ code: "repliedMeanwhile", values: { name: "Claire" } });
  });

  it("answering nothing of the mailbox records nothing", async () => {
    const raw = await buildMessage({
      from: { name: "Support", address: support.address },
      to: [{ name: "", address: customer.address }],
      subject: "Re: something else",
      text: "No such original here.",
      inReplyTo: "<elsewhere@far.test>",
    });
    const before = await t.db.select().from(conversationReplies).where(eq(conversationReplies.accountId, support.id));
    await submitMessage(t.db, actorOf(marc), { raw, recipients: [customer.address] });
    const after = await t.db.select().from(conversationReplies).where(eq(conversationReplies.accountId, support.id));
    expect(after).toHaveLength(before.length);
  });
});
