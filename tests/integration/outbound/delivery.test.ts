import { eq, sql } from "drizzle-orm";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  dkimKeys,
  messages,
  outboundMessages,
  outboundRecipients,
  organizations,
  type Account,
} from "../../../db/schema";
import { loadMailView } from "../../../lib/mailboxes/mail-view";
import { actorOf } from "../../support/session";
import { dkimRecordValue } from "../../../lib/dkim/keys";
import { deliveryStatesOf } from "../../../lib/outbound/status";
import { copiesIn } from "../compose/helpers";
import { createOrg, createShared, createUser, delegate } from "../../support/factories";
import { startFarEnd, stubResolver, type FarEnd } from "../../support/far-end";
import { useTestDb } from "../../support/test-db";
import { HOUR, runQueue, send, statesOf, testConfig } from "./helpers";

const t = useTestDb();
let far: FarEnd;
let org: Awaited<ReturnType<typeof createOrg>>;
let alice: Account;
let bob: Account;
let agent: Account;
let support: Account;
const txt = new Map<string, string>();
const resolver = stubResolver(txt);

beforeAll(async () => {
  far = await startFarEnd();
  org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice", name: "Alice" });
  bob = await createUser(t.db, org, { local: "bob" });
  agent = await createUser(t.db, org, { local: "agent" });
  support = await createShared(t.db, org, { local: "support", name: "Support" });
  await delegate(t.db, support, agent, { sendAs: true, fullAccess: true });
});
afterAll(() => far.close());
beforeEach(() => {
  far.received.length = 0;
  far.behaviour.clear();
  far.connections = 0;
});

const config = () => testConfig(far.port);

describe("compose to external addresses (R11, R15)", () => {
  it("delivers locally at once, queues outside recipients with the Sent copy, then per domain, signed", async () => {
    const result = await send(t.db, alice, {
      to: `${bob.address}, one@ext-a.test, two@ext-a.test`,
      cc: "three@ext-b.test",
      subject: "Quarterly figures",
    });
    expect(result.delivered).toEqual([bob.address]);
    expect(result.queued.sort()).toEqual(["one@ext-a.test", "three@ext-b.test", "two@ext-a.test"]);
    const [sent] = await t.db.select().from(messages).where(eq(messages.id, result.sentCopyId));
    let states = await deliveryStatesOf(t.db, org.id, sent!.contentId);
    expect(states.map((s) => [s.address, s.state])).toEqual([
      ["one@ext-a.test", "queued"],
      ["three@ext-b.test", "queued"],
      ["two@ext-a.test", "queued"],
    ]);

    expect(await runQueue(t.db, config(), resolver, new Date())).toBe(3);
    // one connection and one transaction per domain, the two ext-a recipients together
    expect(far.connections).toBe(2);
    expect(far.received.map((r) => r.recipients.sort())).toEqual(
      expect.arrayContaining([["one@ext-a.test", "two@ext-a.test"], ["three@ext-b.test"]]),
    );
    expect(far.received.every((r) => r.mailFrom === alice.address && r.secure)).toBe(true);
    states = await deliveryStatesOf(t.db, org.id, sent!.contentId);
    expect(states.every((s) => s.state === "delivered" && s.lastReply?.startsWith("250"))).toBe(true);
    // shown on the Sent copy in the reading pane, through the access check
    const view = await loadMailView(t.db, actorOf(alice), {
      address: alice.address,
      folder: "sent",
      messageId: result.sentCopyId,
      query: {},
    });
    expect(view.message?.delivery.map((d) => d.state)).toEqual(["delivered", "delivered", "delivered"]);
    await expect(
      loadMailView(t.db, actorOf(bob), {
        address: alice.address,
        folder: "sent",
        messageId: result.sentCopyId,
        query: {},
      }),
    ).rejects.toMatchObject({ code: "notFound" });

    // signed with the domain's key, which verifies against the published record
    const [key] = await t.db.select().from(dkimKeys).where(eq(dkimKeys.domain, org.domain));
    txt.set(`${key!.selector}._domainkey.${org.domain}`, dkimRecordValue(key!));
    const verified = await dkimVerify(far.received[0]!.raw, { resolver: resolver.mailauth });
    expect(verified.results[0]).toMatchObject({ signingDomain: org.domain, status: { result: "pass" } });
    const mail = await simpleParser(far.received[0]!.raw);
    expect(mail.subject).toBe("Quarterly figures");
    expect(mail.headers.get("bcc")).toBeUndefined();

    // a second round finds nothing to do
    expect(await runQueue(t.db, config(), resolver, new Date(Date.now() + HOUR))).toBe(0);
    expect(far.received).toHaveLength(2);
  });

  it("sends Bcc in the envelope only, and Send As from the shared mailbox's address (bounces go there)", async () => {
    const result = await send(t.db, agent, { to: "client@ext-c.test", bcc: "hidden@ext-c.test" }, support);
    expect(result.from).toBe(support.address);
    await runQueue(t.db, config(), resolver, new Date());
    expect(far.received).toHaveLength(1);
    expect(far.received[0]!.mailFrom).toBe(support.address);
    expect(far.received[0]!.recipients.sort()).toEqual(["client@ext-c.test", "hidden@ext-c.test"]);
    expect(far.received[0]!.raw.toString()).not.toMatch(/hidden@/);
  });

  it("stores neither the Sent copy nor a queue row when the send transaction fails", async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(messages))[0]!.n;
    const queued = (await t.db.select({ n: sql<number>`count(*)::int` }).from(outboundMessages))[0]!.n;
    await t.db.execute(sql`create function refuse_outbound() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await t.db.execute(sql`create trigger refuse_outbound before insert on outbound_recipients
      for each row execute function refuse_outbound()`);
    try {
      await expect(send(t.db, alice, { to: `${bob.address}, x@ext-d.test` })).rejects.toThrow();
    } finally {
      await t.db.execute(sql`drop trigger refuse_outbound on outbound_recipients`);
    }
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(messages))[0]!.n).toBe(before);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(outboundMessages))[0]!.n).toBe(queued);
  });

  it("refuses a send past the mailbox's hourly limit, with a message naming the limit", async () => {
    const small = await createOrg(t.db);
    const carol = await createUser(t.db, small, { local: "carol" });
    await t.db.update(organizations).set({ sendLimitPerHour: 2 }).where(eq(organizations.id, small.id));
    await send(t.db, carol, { to: "a@ext-e.test, b@ext-e.test" });
    await expect(send(t.db, carol, { to: "c@ext-e.test" })).rejects.toMatchObject({
      code: "sendLimitReached",
      values: { limit: 2, left: 0 },
    });
    // local mail is not counted
    await expect(send(t.db, carol, { to: carol.address })).resolves.toBeDefined();
  });
});

describe("retries and reports (RFC 5321 §4.5.4, RFC 3464)", () => {
  it("defers a 4xx with growing delays, one delayed notice after 4 hours, a report when the period ends", async () => {
    far.behaviour.set("busy@ext-f.test", "defer");
    const start = Date.now();
    const result = await send(t.db, alice, { to: "busy@ext-f.test", subject: "Patience" });
    await runQueue(t.db, config(), resolver, new Date(start + 1000));
    let [row] = await statesOf(t.db, "busy@ext-f.test");
    expect(row).toMatchObject({ state: "deferred", attempts: 1 });
    expect(row!.lastReply).toMatch(/^451 4\.2\.1/);
    // scheduled by the database's clock: 5 minutes after the attempt, give or take the test's own run time
    const firstDelay = row!.nextAttemptAt.getTime() - (start + 1000);
    expect(Math.abs(firstDelay - 5 * 60_000)).toBeLessThan(10_000);
    // not due yet: nothing is tried
    expect(await runQueue(t.db, config(), resolver, new Date(start + 2 * 60_000))).toBe(0);
    await runQueue(t.db, config(), resolver, new Date(start + 6 * 60_000));
    [row] = await statesOf(t.db, "busy@ext-f.test");
    expect(row!.attempts).toBe(2);
    expect(Math.abs(row!.nextAttemptAt.getTime() - (start + 6 * 60_000) - 10 * 60_000)).toBeLessThan(10_000);

    const reports = async () => (await copiesIn(t.db, alice, "inbox")).filter((m) => m.subject.includes("Patience"));
    expect(await reports()).toHaveLength(0);
    await runQueue(t.db, config(), resolver, new Date(start + 4 * HOUR + 60_000));
    await runQueue(t.db, config(), resolver, new Date(start + 9 * HOUR));
    const delayed = await reports();
    expect(delayed).toHaveLength(1);
    const notice = await simpleParser(delayed[0]!.raw);
    expect(notice.subject).toMatch(/Delivery delayed/);
    expect(delayed[0]!.raw.toString()).toMatch(/Action: delayed/);

    await runQueue(t.db, config(), resolver, new Date(start + 121 * HOUR));
    [row] = await statesOf(t.db, "busy@ext-f.test");
    expect(row!.state).toBe("failed");
    const all = await reports();
    expect(all).toHaveLength(2);
    const failed = all.find((m) => m.subject.includes("Undeliverable"))!;
    expect(failed.raw.toString()).toMatch(/Status: 4\.4\.7/);
    const [sent] = await t.db.select().from(messages).where(eq(messages.id, result.sentCopyId));
    expect((await deliveryStatesOf(t.db, org.id, sent!.contentId))[0]!.state).toBe("failed");
  });

  it("reports a 5xx at once to the sending mailbox (multipart/report, recipient, remote reply)", async () => {
    far.behaviour.set("ghost@ext-g.test", "refuse");
    await send(t.db, agent, { to: "ghost@ext-g.test, real@ext-g.test", subject: "Ticket 7" }, support);
    await runQueue(t.db, config(), resolver, new Date());
    expect(far.received.map((r) => r.recipients)).toEqual([["real@ext-g.test"]]);
    const [ghost] = await statesOf(t.db, "ghost@ext-g.test");
    expect(ghost!.state).toBe("failed");
    const report = (await copiesIn(t.db, support, "inbox")).find((m) => m.subject.includes("Ticket 7"))!;
    expect(report).toBeDefined();
    const mail = await simpleParser(report.raw);
    expect(mail.headers.get("content-type")).toMatchObject({
      value: "multipart/report",
      params: { "report-type": "delivery-status" },
    });
    expect(mail.text).toContain("ghost@ext-g.test");
    expect(mail.text).toContain("550 5.1.1 No such user here");
    expect(mail.text).toContain("le serveur distant");
    expect(mail.text).toContain("the remote server");
    const status = report.raw.toString();
    expect(status).toMatch(/Final-Recipient: rfc822; ghost@ext-g\.test/);
    expect(status).toMatch(/Status: 5\.1\.1/);
    expect(status).toMatch(/Remote-MTA: dns; mx\.ext-g\.test/);
    expect(status).toMatch(/Diagnostic-Code: smtp; 550 5\.1\.1 No such user here/);
    // nothing for the delegate who sent it: the report is the shared mailbox's
    expect((await copiesIn(t.db, agent, "inbox")).some((m) => m.subject.includes("Ticket 7"))).toBe(false);
  });

  it("retries a far end that hangs up, and a domain with no reachable server", async () => {
    far.behaviour.set("drop@ext-h.test", "hangup");
    await send(t.db, alice, { to: "drop@ext-h.test" });
    const now = Date.now();
    await runQueue(t.db, config(), resolver, new Date(now));
    let [row] = await statesOf(t.db, "drop@ext-h.test");
    expect(row).toMatchObject({ state: "deferred", attempts: 1 });
    far.behaviour.delete("drop@ext-h.test");
    await runQueue(t.db, config(), resolver, new Date(now + 6 * 60_000));
    [row] = await statesOf(t.db, "drop@ext-h.test");
    expect(row!.state).toBe("delivered");
    expect(far.received).toHaveLength(1);

    await send(t.db, alice, { to: "nobody@ext-i.test" });
    await runQueue(t.db, testConfig(1), resolver, new Date());
    [row] = await statesOf(t.db, "nobody@ext-i.test");
    expect(row).toMatchObject({ state: "deferred" });
    expect(row!.lastReply).toMatch(/ECONNREFUSED|connect/i);
  });

  it("lets two workers share the queue without delivering a recipient twice", async () => {
    const addresses = Array.from({ length: 12 }, (_, i) => `r${i}@ext-${i % 4}.test`);
    await send(t.db, alice, { to: addresses.join(", ") });
    const now = new Date();
    await Promise.all([
      runQueue(t.db, config(), resolver, now, "worker-1"),
      runQueue(t.db, config(), resolver, now, "worker-2"),
    ]);
    const delivered = far.received.flatMap((r) => r.recipients).sort();
    expect(delivered).toEqual([...addresses].sort());
    const rows = await t.db.select().from(outboundRecipients).where(eq(outboundRecipients.state, "delivered"));
    expect(rows.filter((r) => addresses.includes(r.address))).toHaveLength(12);
  });
});

describe("relay mode (MAILROOM_RELAY_URL)", () => {
  it("sends every message through the relay, authenticated, whatever the recipient domains", async () => {
    const relay = await startFarEnd({ auth: { user: "mailroom", pass: "s3cret/+" } });
    try {
      await send(t.db, alice, { to: "x@ext-r1.test, y@ext-r2.test", subject: "Via the relay" });
      const url = `smtp://mailroom:${encodeURIComponent("s3cret/+")}@127.0.0.1:${relay.port}?verify=false`;
      // the resolver is never asked: a failing one proves it
      const noDns = { ...resolver, resolveMx: () => Promise.reject(new Error("no DNS in relay mode")) };
      await runQueue(t.db, testConfig(1, { relayUrl: url }), noDns, new Date());
      expect(relay.received.flatMap((r) => r.recipients).sort()).toEqual(["x@ext-r1.test", "y@ext-r2.test"]);
      expect(relay.received.every((r) => r.user === "mailroom" && r.mailFrom === alice.address)).toBe(true);
      expect((await statesOf(t.db, "x@ext-r1.test"))[0]!.state).toBe("delivered");

      // a wrong password is a temporary failure of the relay, retried
      await send(t.db, alice, { to: "z@ext-r3.test" });
      const bad = `smtp://mailroom:wrong@127.0.0.1:${relay.port}?verify=false`;
      await runQueue(t.db, testConfig(1, { relayUrl: bad }), noDns, new Date());
      const [row] = await statesOf(t.db, "z@ext-r3.test");
      expect(row!.state).toBe("deferred");
      expect(row!.lastReply).toMatch(/535/);
    } finally {
      await relay.close();
    }
  });
});
