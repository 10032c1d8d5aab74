import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { composeAction } from "../../../app/mail/compose/actions";
import { accounts, auditEvents, type Account } from "../../../db/schema";
import { listFromOptions } from "../../../lib/compose/from";
import { loadComposeSource } from "../../../lib/compose/original-message";
import { addMessage, createOrg, createShared, createUser, delegate } from "../../support/factories";
import { actorOf, signInAs } from "../../support/session";
import { useTestDb } from "../../support/test-db";
import { auditOf, composeForm, copiesIn, expectFailure, headersOf, parsed, sentData, usedBytes } from "./helpers";

const t = useTestDb();

let org: Awaited<ReturnType<typeof createOrg>>;
let reader: Account; // Full Access only
let asOnly: Account; // Send As only
let behalfOnly: Account; // Send on Behalf only
let both: Account; // Send As + Send on Behalf
let colleague: Account; // no delegation
let stranger: Account; // another organisation
let recipient: Account;
let shared: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  const other = await createOrg(t.db);
  shared = await createShared(t.db, org, { local: "support", name: "Support Desk" });
  reader = await createUser(t.db, org, { local: "reader", name: "Rita Reader" });
  asOnly = await createUser(t.db, org, { local: "asonly", name: "Arthur As" });
  behalfOnly = await createUser(t.db, org, { local: "behalf", name: "Bea Behalf" });
  both = await createUser(t.db, org, { local: "both", name: "Bo Both" });
  colleague = await createUser(t.db, org, { local: "colleague" });
  recipient = await createUser(t.db, org, { local: "recipient", name: "Rex" });
  stranger = await createUser(t.db, other, { local: "stranger" });
  await delegate(t.db, shared, reader, { fullAccess: true });
  await delegate(t.db, shared, asOnly, { sendAs: true });
  await delegate(t.db, shared, behalfOnly, { sendOnBehalf: true });
  await delegate(t.db, shared, both, { sendAs: true, sendOnBehalf: true });
});

const sendAs = (account: Account, from: string, subject: string, extra: Record<string, string> = {}) => {
  signInAs(account);
  return composeAction(null, composeForm({ from, to: recipient.address, subject, body: "Hello", ...extra }));
};

describe("the From picker (R5)", () => {
  it("offers the user's own address and each mailbox they may send from, one entry per right", async () => {
    const values = async (a: Account) => (await listFromOptions(t.db, actorOf(a))).map((o) => o.value);
    expect(await values(both)).toEqual([`as:${both.address}`, `as:${shared.address}`, `onBehalf:${shared.address}`]);
    expect(await values(asOnly)).toEqual([`as:${asOnly.address}`, `as:${shared.address}`]);
    expect(await values(behalfOnly)).toEqual([`as:${behalfOnly.address}`, `onBehalf:${shared.address}`]);
    expect(await values(reader)).toEqual([`as:${reader.address}`]);
    expect(await values(stranger)).toEqual([`as:${stranger.address}`]);
  });
});

describe("Send As and Send on Behalf (R5, R13)", () => {
  it("Send As: From is the mailbox, no Sender header, audited as send.as", async () => {
    const sent = await sentData(t.db, sendAs(asOnly, `as:${shared.address}`, "Sent as support"));
    const copy = (await copiesIn(t.db, recipient, "inbox")).find((m) => m.subject === "Sent as support")!;
    const headers = headersOf(copy.raw);
    expect(headers).toMatch(/^From: Support Desk <support@/m);
    expect(headers).not.toMatch(/^Sender:/im);
    expect(headers).not.toContain(asOnly.address);
    expect(copy.senderAddress).toBeNull();
    const [event] = (await auditOf(t.db, "send.as")).filter((e) => e.actorId === asOnly.id);
    expect(event).toMatchObject({ mailboxId: shared.id, actorAddress: asOnly.address });
    expect(event!.details).toMatchObject({ messageId: sent.messageId });
  });

  it("Send on Behalf: From is the mailbox, Sender is the delegate, audited as send.onBehalf", async () => {
    await sentData(t.db, sendAs(behalfOnly, `onBehalf:${shared.address}`, "On behalf of support"));
    const copy = (await copiesIn(t.db, recipient, "inbox")).find((m) => m.subject === "On behalf of support")!;
    const headers = headersOf(copy.raw);
    expect(headers).toMatch(/^From: Support Desk <support@/m);
    expect(headers).toMatch(/^Sender: Bea Behalf <behalf@/m);
    expect(copy.senderAddress).toBe(behalfOnly.address);
    const mail = await parsed(copy.raw);
    expect(mail.headers.get("sender")).toBeDefined();
    expect(
      (await auditOf(t.db, "send.onBehalf")).some((e) => e.actorId === behalfOnly.id && e.mailboxId === shared.id),
    ).toBe(true);
  });

  it("with both rights, the user picks per message", async () => {
    await sentData(t.db, sendAs(both, `as:${shared.address}`, "Both, as"));
    await sentData(t.db, sendAs(both, `onBehalf:${shared.address}`, "Both, on behalf"));
    const inbox = await copiesIn(t.db, recipient, "inbox");
    expect(headersOf(inbox.find((m) => m.subject === "Both, as")!.raw)).not.toMatch(/^Sender:/im);
    expect(headersOf(inbox.find((m) => m.subject === "Both, on behalf")!.raw)).toMatch(/^Sender: Bo Both/m);
  });

  it("sending as oneself is not audited as a delegate action", async () => {
    await sentData(t.db, sendAs(colleague, `as:${colleague.address}`, "Just me"));
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.actorId, colleague.id));
    expect(events).toEqual([]);
  });
});

describe("a forged From is refused and audited (R12, R13)", () => {
  const cases: [string, () => Account, () => string][] = [
    ["Full Access only sending as the mailbox", () => reader, () => `as:${shared.address}`],
    ["Full Access only sending on behalf", () => reader, () => `onBehalf:${shared.address}`],
    ["Send As only sending on behalf", () => asOnly, () => `onBehalf:${shared.address}`],
    ["Send on Behalf only sending as", () => behalfOnly, () => `as:${shared.address}`],
    ["a colleague sending as another user", () => colleague, () => `as:${recipient.address}`],
    ["a user sending on behalf of themself", () => colleague, () => `onBehalf:${colleague.address}`],
    ["a stranger sending as the mailbox", () => stranger, () => `as:${shared.address}`],
  ];
  for (const [name, who, from] of cases) {
    it(`refuses ${name}`, async () => {
      const actor = who();
      const before = (await copiesIn(t.db, recipient, "inbox")).length;
      const used = await usedBytes(t.db, actor);
      const state = expectFailure(await sendAs(actor, from(), `Forged: ${name}`));
      expect(state.message).toBe("sendForbidden");
      expect(state.fieldErrors?.from).toEqual(["sendForbidden"]);
      expect((await copiesIn(t.db, recipient, "inbox")).length).toBe(before);
      expect(await copiesIn(t.db, actor, "sent")).not.toContainEqual(
        expect.objectContaining({ subject: `Forged: ${name}` }),
      );
      expect((await usedBytes(t.db, actor)).used).toBe(used.used);
      const events = (await auditOf(t.db, "send.forbidden")).filter((e) => e.actorId === actor.id);
      expect(events.at(-1)!.details).toEqual({ from: from().split(":")[1], mode: from().split(":")[0] });
    });
  }

  it("records the mailbox of a forged From only when it is in the actor's organisation", async () => {
    const events = (await auditOf(t.db, "send.forbidden")).filter((e) => e.actorId === stranger.id);
    expect(events[0]!.mailboxId).toBeNull();
    expect(events[0]!.orgId).toBe(stranger.orgId);
  });
});

describe("rights alone", () => {
  it("Full Access only can read the mailbox's mail but not send from it", async () => {
    const message = await addMessage(t.db, shared, { subject: "In the shared inbox" });
    const source = await loadComposeSource(t.db, actorOf(reader), message.id);
    expect(source.subject).toBe("In the shared inbox");
    expect(expectFailure(await sendAs(reader, `as:${shared.address}`, "no")).message).toBe("sendForbidden");
  });

  it("Send As only can send from it but not read it, nor reply to its mail", async () => {
    const message = await addMessage(t.db, shared, { subject: "Not for Send As" });
    await expect(loadComposeSource(t.db, actorOf(asOnly), message.id)).rejects.toMatchObject({ code: "notFound" });
    const reply = expectFailure(await sendAs(asOnly, `as:${shared.address}`, "Re: x", { replyOf: message.id }));
    expect(reply.message).toBe("notFound");
    const forward = expectFailure(
      await sendAs(asOnly, `as:${shared.address}`, "Fwd: x", { attachFrom: message.id, "keep[]": "0" }),
    );
    expect(forward.message).toBe("notFound");
  });

  it("Send on Behalf only can send from it but not read it", async () => {
    const message = await addMessage(t.db, shared, { subject: "Not for Behalf" });
    await expect(loadComposeSource(t.db, actorOf(behalfOnly), message.id)).rejects.toMatchObject({ code: "notFound" });
  });

  it("a stranger can neither read nor send", async () => {
    const message = await addMessage(t.db, shared, { subject: "Not for strangers" });
    await expect(loadComposeSource(t.db, actorOf(stranger), message.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(loadComposeSource(t.db, actorOf(colleague), message.id)).rejects.toMatchObject({ code: "notFound" });
    expect(expectFailure(await sendAs(stranger, `as:${shared.address}`, "x")).message).toBe("sendForbidden");
    expect(expectFailure(await sendAs(stranger, `as:${stranger.address}`, "x", { replyOf: message.id })).message).toBe(
      "notFound",
    );
  });
});

describe("sent copies stay with the mailbox (R6)", () => {
  it("goes to the delegate's Sent Items and the mailbox's own, charging each mailbox", async () => {
    const usedShared = (await usedBytes(t.db, shared)).used;
    const usedDelegate = (await usedBytes(t.db, both)).used;
    const sent = await sentData(t.db, sendAs(both, `onBehalf:${shared.address}`, "Two sent copies"));
    expect(sent.sentCopies).toEqual([both.address, shared.address]);
    const mine = (await copiesIn(t.db, both, "sent")).find((m) => m.subject === "Two sent copies")!;
    const theirs = (await copiesIn(t.db, shared, "sent")).find((m) => m.subject === "Two sent copies")!;
    expect(mine.contentId).toBe(theirs.contentId);
    expect((await usedBytes(t.db, shared)).used - usedShared).toBe(mine.sizeBytes);
    expect((await usedBytes(t.db, both)).used - usedDelegate).toBe(mine.sizeBytes);
  });

  it("keeps only the delegate's copy when the mailbox's setting is off", async () => {
    await t.db.update(accounts).set({ saveSentCopy: false }).where(eq(accounts.id, shared.id));
    try {
      const usedShared = (await usedBytes(t.db, shared)).used;
      const sent = await sentData(t.db, sendAs(asOnly, `as:${shared.address}`, "One sent copy"));
      expect(sent.sentCopies).toEqual([asOnly.address]);
      expect((await copiesIn(t.db, shared, "sent")).some((m) => m.subject === "One sent copy")).toBe(false);
      expect((await copiesIn(t.db, asOnly, "sent")).some((m) => m.subject === "One sent copy")).toBe(true);
      expect((await usedBytes(t.db, shared)).used).toBe(usedShared);
    } finally {
      await t.db.update(accounts).set({ saveSentCopy: true }).where(eq(accounts.id, shared.id));
    }
  });

  it("sends a non-delivery report to the delegate who sent, not to the mailbox they cannot read", async () => {
    const sent = await sentData(
      t.db,
      sendAs(asOnly, `as:${shared.address}`, "To nobody", { to: `ghost@${org.domain}` }),
    );
    expect(sent.failed).toEqual([{ address: `ghost@${org.domain}`, status: "5.1.1" }]);
    expect((await copiesIn(t.db, asOnly, "inbox")).some((m) => m.subject.includes("To nobody"))).toBe(true);
    expect((await copiesIn(t.db, shared, "inbox")).some((m) => m.subject.includes("Undeliverable"))).toBe(false);
  });
});
