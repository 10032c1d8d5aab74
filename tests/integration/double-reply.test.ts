import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, replyPresence, type Account } from "../../db/schema";
import type { ComposeInput } from "../../lib/compose/recipient-fields";
import { sendMessage } from "../../lib/compose/send";
import {
  sharedMailboxChanges,
  watchLiveMail,
  type LiveReplyingEvent,
  type LiveMailWatch,
} from "../../lib/events/live-mail";
import { repliersOnMessage, startReplying, stopReplying } from "../../lib/replies/presence";
import { pruneExpiredRows } from "../../lib/runtime/schedule";
import { refusal } from "../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf } from "../support/session";
import { testDriver, useTestDb } from "../support/test-db";
import { until } from "../support/wait";

/**
 * No double replies (issue 18 item 3) with three delegates of support@: who is replying is seen by
 * the others (and only by Full Access delegates), live; a reply sent when someone else replied in
 * the conversation since the form opened is refused with who and when, unless sent anyway.
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let support: Account;
let claire: Account;
let marc: Account;
let lea: Account;
let sendAs: Account;
let stranger: Account;
let customer: Account;
const watches: LiveMailWatch[] = [];
const events: Record<string, LiveReplyingEvent[]> = { marc: [], sendAs: [] };

const reply = (account: Account, replyOf: string, fields: Partial<ComposeInput> = {}): ComposeInput => ({
  from: { mode: "as", address: support.address },
  to: customer.address,
  cc: "",
  bcc: "",
  subject: "Re: Order 12",
  body: `Answer from ${account.displayName}`,
  attachments: [],
  keep: [],
  replyOf,
  ...fields,
});

const names = async (account: Account, messageId: string) =>
  (await repliersOnMessage(t.db, actorOf(account), messageId))?.people.map((p) => p.name);

async function threadOf(id: string) {
  const [row] = await t.db.select({ threadId: messages.threadId }).from(messages).where(eq(messages.id, id));
  return row!.threadId;
}

beforeAll(async () => {
  org = await createOrg(t.db);
  support = await createShared(t.db, org, { local: "support", name: "Support" });
  claire = await createUser(t.db, org, { name: "Claire" });
  marc = await createUser(t.db, org, { name: "Marc" });
  lea = await createUser(t.db, org, { name: "Léa" });
  sendAs = await createUser(t.db, org, { name: "Sam" });
  customer = await createUser(t.db, org, { name: "Customer" });
  stranger = await createUser(t.db, await createOrg(t.db));
  for (const person of [claire, marc, lea]) await delegate(t.db, support, person, { fullAccess: true, sendAs: true });
  await delegate(t.db, support, sendAs, { sendAs: true });
  const changes = await sharedMailboxChanges(t.handle);
  for (const [name, account] of [
    ["marc", marc],
    ["sendAs", sendAs],
  ] as const) {
    watches.push(
      await watchLiveMail(t.db, changes, actorOf(account), () => {}, {
        delayMs: 50,
        sendReplying: (e) => events[name]!.push(e),
      }),
    );
  }
});

afterAll(() => {
  for (const watch of watches) watch.close();
});

describe("who is replying", () => {
  it("the others see who has a reply form open, the replier does not see themself, until they leave", async () => {
    const msg = await addMessage(t.db, support, { subject: "Order 12" });
    await startReplying(t.db, actorOf(claire), msg.id);
    expect(await names(marc, msg.id)).toEqual(["Claire"]);
    expect(await names(claire, msg.id)).toEqual([]);
    await startReplying(t.db, actorOf(lea), msg.id);
    expect(await names(marc, msg.id)).toEqual(["Claire", "Léa"]);
    expect(await names(claire, msg.id)).toEqual(["Léa"]);
    await stopReplying(t.db, actorOf(claire), msg.id);
    expect(await names(marc, msg.id)).toEqual(["Léa"]);
    await stopReplying(t.db, actorOf(lea), msg.id);
    expect(await names(marc, msg.id)).toEqual([]);
  });

  it("a form that stopped giving signs of life no longer counts", async () => {
    const msg = await addMessage(t.db, support, { subject: "Lost tab" });
    await startReplying(t.db, actorOf(claire), msg.id);
    const [presence] = await t.db
      .select()
      .from(replyPresence)
      .where(eq(replyPresence.threadId, await threadOf(msg.id)));
    expect(presence!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    await t.db
      .update(replyPresence)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(replyPresence.threadId, await threadOf(msg.id)));
    expect(await names(marc, msg.id)).toEqual([]);
  });

  it("housekeeping removes presences gone for an hour, in conversations nobody replies to again", async () => {
    const [gone, recent, open] = [
      await addMessage(t.db, support, { subject: "Gone" }),
      await addMessage(t.db, support, { subject: "Recent" }),
      await addMessage(t.db, support, { subject: "Open" }),
    ];
    for (const m of [gone, recent, open]) await startReplying(t.db, actorOf(lea), m.id);
    const setExpiry = async (id: string, ms: number) =>
      t.db
        .update(replyPresence)
        .set({ expiresAt: new Date(Date.now() + ms) })
        .where(eq(replyPresence.threadId, await threadOf(id)));
    await setExpiry(gone.id, -2 * 3600_000);
    await setExpiry(recent.id, -10 * 60_000);
    expect(await pruneExpiredRows(t.db)).toMatchObject({ presence: 1 });
    const left = await t.db.select({ threadId: replyPresence.threadId }).from(replyPresence);
    const threads = left.map((r) => r.threadId);
    expect(threads).not.toContain(await threadOf(gone.id));
    expect(threads).toEqual(expect.arrayContaining([await threadOf(recent.id), await threadOf(open.id)]));
    expect(await names(marc, open.id)).toEqual(["Léa"]);
    for (const m of [recent, open]) await stopReplying(t.db, actorOf(lea), m.id);
  });

  it("Send As alone, a stranger: neither announce nor see anything", async () => {
    const msg = await addMessage(t.db, support, { subject: "Private" });
    await startReplying(t.db, actorOf(claire), msg.id);
    for (const who of [sendAs, stranger]) {
      expect((await refusal(repliersOnMessage(t.db, actorOf(who), msg.id))).code).toBe("notFound");
      expect((await refusal(startReplying(t.db, actorOf(who), msg.id))).code).toBe("notFound");
    }
    expect(await names(marc, msg.id)).toEqual(["Claire"]);
    await stopReplying(t.db, actorOf(claire), msg.id);
  });

  it("in one's own mailbox there is nobody else: nothing is kept", async () => {
    const own = await addMessage(t.db, claire, { subject: "Mine" });
    await startReplying(t.db, actorOf(claire), own.id);
    expect(await repliersOnMessage(t.db, actorOf(claire), own.id)).toBeNull();
    expect(await t.db.select().from(replyPresence).where(eq(replyPresence.accountId, claire.id))).toEqual([]);
  });

  it("reaches the other delegates' live streams within moments, never a Send As delegate's", async () => {
    const msg = await addMessage(t.db, support, { subject: "Live" });
    const threadId = await threadOf(msg.id);
    const mine = (e: LiveReplyingEvent) => e.threadId === threadId;
    await startReplying(t.db, actorOf(claire), msg.id);
    await until(() => events.marc!.some((e) => mine(e) && e.people.length === 1));
    expect(events.marc!.find(mine)).toMatchObject({ mailboxId: support.id, people: [{ name: "Claire" }] });
    await stopReplying(t.db, actorOf(claire), msg.id);
    await until(() => events.marc!.filter(mine).at(-1)!.people.length === 0);
    expect(events.sendAs!.filter(mine)).toEqual([]);
  });
});

describe("a reply when someone else replied meanwhile", () => {
  it("is refused with who and when, sent anyway when asked; the writer's own replies never warn", async () => {
    const msg = await addMessage(t.db, support, { subject: "Order 12" });
    const marcOpened = new Date();
    await startReplying(t.db, actorOf(claire), msg.id);
    await sendMessage(t.db, actorOf(claire), reply(claire, msg.id, { openedAt: new Date(Date.now() - 60_000) }));
    expect(await names(marc, msg.id)).toEqual([]);

    const warned = await refusal(sendMessage(t.db, actorOf(marc), reply(marc, msg.id, { openedAt: marcOpened })));
    expect(warned).toMatchObject({ code: "repliedMeanwhile", values: { name: "Claire", minutes: 0 } });
    const inbox = async () =>
      (await t.db.select({ subject: messages.subject }).from(messages).where(eq(messages.accountId, customer.id)))
        .length;
    expect(await inbox()).toBe(1);

    await sendMessage(t.db, actorOf(marc), reply(marc, msg.id, { openedAt: marcOpened, sendAnyway: true }));
    expect(await inbox()).toBe(2);
    // Opened after both replies: nothing new to warn of. Claire again: Marc's reply is news to her.
    await sendMessage(t.db, actorOf(lea), reply(lea, msg.id, { openedAt: new Date() }));
    expect(
      (await refusal(sendMessage(t.db, actorOf(claire), reply(claire, msg.id, { openedAt: marcOpened })))).values,
    ).toMatchObject({ name: "Léa" });
  });

  it("counts a reply to another message of the same conversation", async () => {
    const first = await addMessage(t.db, support, { subject: "Refund 9" });
    const second = await addMessage(t.db, support, { subject: "Re: Refund 9" });
    expect(await threadOf(second.id)).toBe(await threadOf(first.id));
    const opened = new Date();
    await sendMessage(t.db, actorOf(claire), reply(claire, first.id, { subject: "Re: Refund 9" }));
    const warned = await refusal(sendMessage(t.db, actorOf(marc), reply(marc, second.id, { openedAt: opened })));
    expect(warned.code).toBe("repliedMeanwhile");
  });

  it.skipIf(testDriver === "pglite")(
    "two delegates pressing Send at once: one reply goes, the other is warned",
    async () => {
      const msg = await addMessage(t.db, support, { subject: "Race 3" });
      const opened = new Date();
      const results = await Promise.allSettled(
        [claire, marc].map((who) => sendMessage(t.db, actorOf(who), reply(who, msg.id, { openedAt: opened }))),
      );
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failed.reason).toMatchObject({ code: "repliedMeanwhile" });
    },
  );
});
