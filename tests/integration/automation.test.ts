import { and, desc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  autoReplyLog,
  automationJobs,
  delegations,
  folders,
  messageContents,
  messages,
  outboundMessages,
  outboundRecipients,
  type Account,
} from "../../db/schema";
import { runAutomationJobs } from "../../lib/automation/run-jobs";
import {
  addInboxRule,
  deleteInboxRule,
  loadAutomation,
  moveInboxRule,
  saveAutoReply,
  type NewRule,
} from "../../lib/automation/settings";
import { sendMessage } from "../../lib/compose/send";
import { createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { rawMessage, smtpSend, startMx, type RunningMx } from "../support/smtp";
import { useTestDb } from "../support/test-db";

/**
 * Automatic replies and inbox rules, applied to mail delivered over real SMTP (the MX listener) and
 * to mail sent from the webmail, with the database read back: the suppression rules of RFC 3834,
 * once per sender per 4 days, the period, the internal and external texts, each rule action, the
 * order and "stop", forwards through the outbound queue, and who may set all of it.
 */
const t = useTestDb();
let mx: RunningMx;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  org = await createOrg(t.db);
  mx = await startMx(t.db);
});
afterAll(() => mx.close());

let n = 0;
const unique = (local: string) => `${local}${++n}@far.test`;

const replySettings = (address: string, extra: Partial<Parameters<typeof saveAutoReply>[2]> = {}) => ({
  address,
  enabled: true,
  startsAt: null,
  endsAt: null,
  timeZone: "Europe/Paris",
  internalText: "Away (colleagues).",
  externalText: "Away (customers).",
  ...extra,
});

/** What the mailbox's automatic mail put on the outbound queue, to one address, newest first. */
async function queuedTo(address: string) {
  const rows = await t.db
    .select({ raw: outboundMessages.raw, mailFrom: outboundMessages.mailFrom })
    .from(outboundMessages)
    .innerJoin(
      outboundRecipients,
      and(eq(outboundRecipients.orgId, outboundMessages.orgId), eq(outboundRecipients.messageId, outboundMessages.id)),
    )
    .where(eq(outboundRecipients.address, address))
    .orderBy(desc(outboundMessages.createdAt));
  return Promise.all(
    rows.map(async (r) => ({ mailFrom: r.mailFrom, raw: r.raw.toString(), parsed: await simpleParser(r.raw) })),
  );
}

async function receive(to: Account, from: string, options: { subject?: string; extra?: string } = {}) {
  const sent = await smtpSend(
    mx.port,
    { from, to: [to.address] },
    rawMessage({ from, to: to.address, subject: options.subject ?? "Question", extra: options.extra }),
  );
  expect(sent).toMatchObject({ ok: true });
  await runAutomationJobs(t.db); // what the listener already did after its commit: nothing left
}

async function copiesOf(account: Account) {
  return t.db
    .select({
      subject: messages.subject,
      folderId: messages.folderId,
      seen: messages.seen,
      flagged: messages.flagged,
      raw: messageContents.raw,
    })
    .from(messages)
    .innerJoin(
      messageContents,
      and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId)),
    )
    .where(eq(messages.accountId, account.id))
    .orderBy(desc(messages.receivedAt));
}

describe("automatic replies: RFC 3834 suppression", () => {
  let box: Account;
  beforeAll(async () => {
    box = await createUser(t.db, org, { name: "Camille Martin" });
    await saveAutoReply(t.db, actorOf(box), replySettings(box.address));
  });

  it("answers an outside sender once, From the mailbox, auto-replied, threaded, with the external text", async () => {
    const customer = unique("customer");
    await receive(box, customer, { subject: "Order 42" });
    const [reply, ...more] = await queuedTo(customer);
    expect(more).toEqual([]);
    expect(reply!.mailFrom).toBe(box.address);
    expect(reply!.parsed.from?.value[0]?.address).toBe(box.address);
    expect(reply!.parsed.subject).toBe("Re: Order 42");
    expect(reply!.parsed.headers.get("auto-submitted")).toBe("auto-replied");
    expect(reply!.parsed.inReplyTo).toMatch(/@elsewhere\.test>$/);
    expect(reply!.parsed.text?.trim()).toBe("Away (customers).");
    // No Sent copy clutter.
    const sent = await folderOf(t.db, box, "sent");
    expect(await t.db.select().from(messages).where(eq(messages.folderId, sent.id))).toEqual([]);
  });

  it("answers a sender at most once in 4 days, then again after", async () => {
    const customer = unique("again");
    await receive(box, customer);
    await receive(box, customer);
    expect(await queuedTo(customer)).toHaveLength(1);
    await t.db
      .update(autoReplyLog)
      .set({ repliedAt: new Date(Date.now() - 5 * 86_400_000) })
      .where(eq(autoReplyLog.sender, customer));
    await receive(box, customer);
    expect(await queuedTo(customer)).toHaveLength(2);
  });

  it.each([
    ["a mailing list (List-Id)", "List-Id: <news.far.test>"],
    ["a list (List-Unsubscribe)", "List-Unsubscribe: <mailto:leave@far.test>"],
    ["bulk mail", "Precedence: bulk"],
    ["Precedence: list", "Precedence: list"],
    ["Precedence: junk", "Precedence: junk"],
    ["an automatic message", "Auto-Submitted: auto-generated"],
    ["another automatic reply", "Auto-Submitted: auto-replied"],
  ])("never answers %s", async (_, header) => {
    const sender = unique("list");
    await receive(box, sender, { extra: header });
    expect(await queuedTo(sender)).toEqual([]);
    expect(await copiesOf(box).then((c) => c.length)).toBeGreaterThan(0);
  });

  it("answers Auto-Submitted: no like a person's mail", async () => {
    const sender = unique("person");
    await receive(box, sender, { extra: "Auto-Submitted: no" });
    expect(await queuedTo(sender)).toHaveLength(1);
  });

  it("never answers MAILER-DAEMON, noreply senders or the mailbox itself", async () => {
    for (const sender of ["MAILER-DAEMON@far.test", "noreply@far.test", "no-reply@far.test"]) {
      await receive(box, sender);
      expect(await queuedTo(sender.toLowerCase())).toEqual([]);
    }
    await sendMessage(t.db, actorOf(box), compose(box.address, box.address, "Note to self"));
    expect(await runAutomationJobs(t.db)).toEqual([{ sent: false, reason: "ownAddress", queued: false }]);
  });

  it("gives a colleague the internal text, delivered to their Inbox (local send, run after the commit)", async () => {
    const colleague = await createUser(t.db, org);
    await sendMessage(t.db, actorOf(colleague), compose(colleague.address, box.address, "Lunch?"));
    const jobs = await t.db.select().from(automationJobs);
    expect(jobs.map((j) => j.kind)).toEqual(["reply"]);
    expect(await runAutomationJobs(t.db)).toEqual([{ sent: true, queued: false }]);
    const [reply] = await copiesOf(colleague).then((c) => c.filter((m) => m.subject === "Re: Lunch?"));
    const parsed = await simpleParser(reply!.raw);
    expect(parsed.text?.trim()).toBe("Away (colleagues).");
    expect(parsed.headers.get("auto-submitted")).toBe("auto-replied");
    // The colleague's own automatic reply would never answer it (auto-replied): no job loops.
    expect(await runAutomationJobs(t.db)).toEqual([]);
  });

  it("replies only within the period, and not when off", async () => {
    const later = await createUser(t.db, org);
    const inAnHour = new Date(Date.now() + 3_600_000);
    await saveAutoReply(t.db, actorOf(later), replySettings(later.address, { startsAt: inAnHour }));
    const early = unique("early");
    await receive(later, early);
    expect(await queuedTo(early)).toEqual([]);
    await saveAutoReply(
      t.db,
      actorOf(later),
      replySettings(later.address, {
        startsAt: new Date(Date.now() - 7_200_000),
        endsAt: new Date(Date.now() - 3_600_000),
      }),
    );
    const late = unique("late");
    await receive(later, late);
    expect(await queuedTo(late)).toEqual([]);
    await saveAutoReply(
      t.db,
      actorOf(later),
      replySettings(later.address, { startsAt: new Date(Date.now() - 60_000) }),
    );
    const inside = unique("inside");
    await receive(later, inside);
    expect(await queuedTo(inside)).toHaveLength(1);
    await saveAutoReply(t.db, actorOf(later), replySettings(later.address, { enabled: false }));
    const off = unique("off");
    await receive(later, off);
    expect(await queuedTo(off)).toEqual([]);
  });

  it("refuses a period that ends before it starts, and an empty text when on", async () => {
    const start = new Date();
    await expect(
      saveAutoReply(t.db, actorOf(box), replySettings(box.address, { startsAt: start, endsAt: new Date(+start - 1) })),
    ).rejects.toMatchObject({ code: "periodOrder", fieldErrors: { endsAt: ["periodOrder"] } });
    await expect(
      saveAutoReply(t.db, actorOf(box), replySettings(box.address, { internalText: " ", externalText: "" })),
    ).rejects.toMatchObject({ code: "replyTextNeeded" });
  });
});

function compose(from: string, to: string, subject: string) {
  return {
    from: { mode: "as" as const, address: from },
    to,
    cc: "",
    bcc: "",
    subject,
    body: "Hello.",
    attachments: [],
    keep: [],
  };
}

const rule = (address: string, fields: Partial<NewRule>): NewRule => ({
  address,
  name: "Rule",
  fromContains: null,
  toContains: null,
  subjectContains: null,
  moveToFolderId: null,
  markRead: false,
  flag: false,
  forwardTo: null,
  stopProcessing: false,
  ...fields,
});

describe("inbox rules at delivery", () => {
  let box: Account;
  let invoices: string;
  beforeAll(async () => {
    box = await createUser(t.db, org);
    const [folder] = await t.db
      .insert(folders)
      .values({ orgId: org.id, accountId: box.id, kind: "user", name: "Invoices" })
      .returning();
    invoices = folder!.id;
  });

  it("moves, marks read, flags, in order, and stops when told (case-insensitive)", async () => {
    const actor = actorOf(box);
    const first = await addInboxRule(
      t.db,
      actor,
      rule(box.address, {
        name: "Invoices",
        subjectContains: "invoice",
        moveToFolderId: invoices,
        markRead: true,
        stopProcessing: true,
      }),
    );
    await addInboxRule(t.db, actor, rule(box.address, { name: "Boss", fromContains: "BOSS@", flag: true }));
    await addInboxRule(t.db, actor, rule(box.address, { name: "Copies", toContains: "team@", markRead: true }));

    await receive(box, "boss@far.test", { subject: "INVOICE 12" });
    await receive(box, "boss@far.test", { subject: "Hello" });
    const [hello, invoice] = await copiesOf(box);
    expect(invoice).toMatchObject({ subject: "INVOICE 12", folderId: invoices, seen: true, flagged: false });
    expect(hello).toMatchObject({ subject: "Hello", folderId: (await folderOf(t.db, box, "inbox")).id, flagged: true });
    expect(hello!.seen).toBe(false);

    // Boss first now: its flag applies, then the invoice rule moves and stops.
    await moveInboxRule(t.db, actor, { address: box.address, ruleId: first.id, direction: "down" });
    expect((await loadAutomation(t.db, actor, box.address)).rules.map((r) => r.name)).toEqual([
      "Boss",
      "Invoices",
      "Copies",
    ]);
    await receive(box, "boss@far.test", { subject: "Invoice 13" });
    expect((await copiesOf(box))[0]).toMatchObject({ folderId: invoices, seen: true, flagged: true });

    await deleteInboxRule(t.db, actor, { address: box.address, ruleId: first.id });
    await receive(box, "boss@far.test", { subject: "Invoice 14" });
    expect((await copiesOf(box))[0]).toMatchObject({ folderId: (await folderOf(t.db, box, "inbox")).id, seen: false });
    const actions = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.mailboxId, box.id));
    expect(actions.map((a) => a.action).sort()).toEqual([
      "rule.create",
      "rule.create",
      "rule.create",
      "rule.delete",
      "rule.move",
    ]);
  });

  it("applies rules to mail sent from the webmail to a local mailbox, in the same transaction", async () => {
    const target = await createUser(t.db, org);
    await addInboxRule(
      t.db,
      actorOf(target),
      rule(target.address, { subjectContains: "report", flag: true, markRead: true }),
    );
    const colleague = await createUser(t.db, org);
    await sendMessage(t.db, actorOf(colleague), compose(colleague.address, target.address, "Weekly report"));
    expect((await copiesOf(target))[0]).toMatchObject({ subject: "Weekly report", seen: true, flagged: true });
  });

  it("forwards through the outbound queue as the mailbox, never an automatic message, never in a loop", async () => {
    const to = unique("forward");
    await addInboxRule(t.db, actorOf(box), rule(box.address, { subjectContains: "urgent", forwardTo: to }));
    await receive(box, "client@far.test", { subject: "Urgent: call me" });
    const [forward, ...more] = await queuedTo(to);
    expect(more).toEqual([]);
    expect(forward!.mailFrom).toBe(box.address);
    expect(forward!.parsed.subject).toBe("Fwd: Urgent: call me");
    expect(forward!.parsed.headers.get("x-mailroom-forwarded")).toBe(box.address);
    expect(forward!.raw).toMatch(/^Content-Type: message\/rfc822/im);
    expect(forward!.raw).toContain("Subject: Urgent: call me");

    await receive(box, "robot@far.test", { subject: "Urgent alert", extra: "Auto-Submitted: auto-generated" });
    await receive(box, "loop@far.test", { subject: "Urgent again", extra: `X-Mailroom-Forwarded: ${box.address}` });
    await receive(box, "hops@far.test", {
      subject: "Urgent hops",
      extra: "X-Mailroom-Forwarded: a@x.test, b@x.test, c@x.test",
    });
    expect(await queuedTo(to)).toHaveLength(1);
  });

  it("refuses a rule without a condition or an action, and a folder of another mailbox", async () => {
    const actor = actorOf(box);
    await expect(addInboxRule(t.db, actor, rule(box.address, { flag: true }))).rejects.toMatchObject({
      code: "ruleNeedsCondition",
    });
    await expect(addInboxRule(t.db, actor, rule(box.address, { subjectContains: "x" }))).rejects.toMatchObject({
      code: "ruleNeedsAction",
    });
    const other = await folderOf(t.db, await createUser(t.db, org), "inbox");
    await expect(
      addInboxRule(t.db, actor, rule(box.address, { subjectContains: "x", moveToFolderId: other.id })),
    ).rejects.toMatchObject({ code: "ruleFolderUnknown" });
  });
});

describe("who may set them (a shared mailbox's are set by its Full Access delegates)", () => {
  let shared: Account;
  const who: Record<string, Account> = {};
  beforeAll(async () => {
    shared = await createShared(t.db, org, { name: "Support" });
    for (const right of ["fullAccess", "sendAs", "sendOnBehalf"] as const) {
      who[right] = await createUser(t.db, org);
      await delegate(t.db, shared, who[right]!, { [right]: true });
    }
    who.both = await createUser(t.db, org);
    await delegate(t.db, shared, who.both, { fullAccess: true, sendAs: true });
    who.stranger = await createUser(t.db, org);
    who.foreigner = await createUser(t.db, await createOrg(t.db));
  });

  it("Full Access may read and change them; Send As, Send on Behalf alone and strangers get notFound", async () => {
    for (const name of ["fullAccess", "both"]) {
      const actor = actorOf(who[name]!);
      await saveAutoReply(t.db, actor, replySettings(shared.address));
      await addInboxRule(t.db, actor, rule(shared.address, { subjectContains: name, flag: true }));
      expect((await loadAutomation(t.db, actor, shared.address)).autoReply.enabled).toBe(true);
    }
    for (const name of ["sendAs", "sendOnBehalf", "stranger", "foreigner"]) {
      const actor = actorOf(who[name]!);
      const attempts = [
        () => loadAutomation(t.db, actor, shared.address),
        () => saveAutoReply(t.db, actor, replySettings(shared.address, { enabled: false })),
        () => addInboxRule(t.db, actor, rule(shared.address, { subjectContains: "x", flag: true })),
      ];
      for (const attempt of attempts) await expect(attempt(), name).rejects.toMatchObject({ code: "notFound" });
    }
    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, shared.id));
    expect(trail.filter((e) => e.action === "autoReply.update").map((e) => e.actorId)).toEqual(
      expect.arrayContaining([who.fullAccess!.id, who.both!.id]),
    );
  });

  it("a forward needs Send As when set, and still when it fires; it is audited as its author", async () => {
    await expect(
      addInboxRule(
        t.db,
        actorOf(who.fullAccess!),
        rule(shared.address, { subjectContains: "fw", forwardTo: "x@far.test" }),
      ),
    ).rejects.toMatchObject({ code: "forwardNeedsSendAs", fieldErrors: { forwardTo: ["forwardNeedsSendAs"] } });
    const to = unique("shared-forward");
    await addInboxRule(t.db, actorOf(who.both!), rule(shared.address, { subjectContains: "escalate", forwardTo: to }));
    await receive(shared, "client@far.test", { subject: "Escalate 1" });
    expect(await queuedTo(to)).toHaveLength(1);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.mailboxId, shared.id), eq(auditEvents.action, "rule.forward")));
    expect(audit).toMatchObject({ actorId: who.both!.id, details: { to } });

    // Send As revoked: the rule stays, its forward no longer fires.
    await t.db
      .update(delegations)
      .set({ sendAs: false })
      .where(and(eq(delegations.mailboxId, shared.id), eq(delegations.delegateId, who.both!.id)));
    await receive(shared, "client@far.test", { subject: "Escalate 2" });
    expect(await queuedTo(to)).toHaveLength(1);
  });
});
