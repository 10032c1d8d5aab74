import net from "node:net";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { simpleParser } from "mailparser";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dkimKeys, type Account } from "../../db/schema";
import { dkimRecordValue } from "../../lib/dkim/keys";
import { outboundConfigFromEnv } from "../../lib/outbound/config";
import { copiesIn } from "../integration/compose/helpers";
import { runQueue, send, statesOf } from "../integration/outbound/helpers";
import { createOrg, createUser } from "../support/factories";
import { startFarEnd, stubResolver, type FarEnd } from "../support/far-end";
import { startDovecotAuth, startPostfix } from "../support/postfix";
import { rawMessage, smtpSend, startMx, type RunningMx } from "../support/smtp";
import { useTestDb } from "../support/test-db";

/**
 * Mailroom relaying through a real Postfix as smarthost (MAILROOM_RELAY_URL), with SMTP AUTH checked
 * by Dovecot's auth service: Postfix passes the message on to a far end (the test's smtp-server), and
 * sends its own bounces for the recipients the far end refuses back to Mailroom's MX listener.
 */
const t = useTestDb();
const txt = new Map<string, string>();
const resolver = stubResolver(txt);
const USER = "mailroom-relay";
const PASS = "relay p@ss/+";
let org: Awaited<ReturnType<typeof createOrg>>;
let alice: Account;
let far: FarEnd;
let mx: RunningMx;
let relayPort: number;
let stop: () => Promise<void> = async () => {};
let postfixLog: () => string = () => "";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: () => Promise<T | undefined>, message: () => string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const found = await what();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out: ${message()}`);
}

const asRoot = process.getuid?.() === 0;

beforeAll(async () => {
  if (!asRoot) return;
  org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice", name: "Alice" });
  far = await startFarEnd();
  far.behaviour.set("gone@peer-far.test", "refuse");
  mx = await startMx(t.db);
  const dovecot = await startDovecotAuth(USER, PASS);
  relayPort = await freePort();
  const postfix = await startPostfix(relayPort, far.port, {
    saslPath: dovecot.socket,
    // bounces to the organisation's domain go to Mailroom's MX, as its MX record would say
    transports: { [org.domain]: mx.port },
    refuse: { "nobody@peer-relay.test": "550 5.1.1 <nobody@peer-relay.test>: unknown at the relay" },
  });
  postfixLog = postfix.log;
  stop = async () => {
    await postfix.stop();
    await dovecot.stop();
    await mx.close();
    await far.close();
  };
});
afterAll(() => stop());

describe.runIf(asRoot)("relaying through Postfix as smarthost", () => {
  it("refuses to relay for a client that has not signed in (the credentials are what lets Mailroom in)", async () => {
    const sent = await smtpSend(
      relayPort,
      { from: "someone@elsewhere.test", to: ["ok@peer-far.test"] },
      rawMessage({ to: "ok@peer-far.test", subject: "no auth" }),
    );
    expect(sent).toMatchObject({ ok: false });
    expect(sent.response).toMatch(/^554 5\.7\.1 <ok@peer-far\.test>: Recipient address rejected: Access denied/);
  });

  it("passes the message on signed, and what is refused comes back to the sending mailbox", async () => {
    const result = await send(t.db, alice, {
      to: "ok@peer-far.test, gone@peer-far.test, nobody@peer-relay.test",
      subject: "Through Postfix",
    });
    expect(result.queued).toHaveLength(3);
    const config = outboundConfigFromEnv({
      MAILROOM_RELAY_URL: `smtp://${USER}:${encodeURIComponent(PASS)}@127.0.0.1:${relayPort}`,
      MAILROOM_HOSTNAME: "mailroom.test",
      NODE_ENV: "test",
    });
    // relay mode never asks DNS for the recipients' MX: a resolver that fails proves it
    const noMx = { ...resolver, resolveMx: () => Promise.reject(new Error("no MX lookups in relay mode")) };
    expect(await runQueue(t.db, config, noMx, new Date())).toBe(3);

    // Postfix took the two far-end recipients; it refused one itself at RCPT (Mailroom reports that one)
    const state = async (address: string) => (await statesOf(t.db, address))[0]!;
    expect((await state("ok@peer-far.test")).state).toBe("delivered");
    expect((await state("ok@peer-far.test")).lastReply).toMatch(/^250 2\.0\.0 Ok: queued as/);
    expect((await state("gone@peer-far.test")).state).toBe("delivered");
    expect(await state("nobody@peer-relay.test")).toMatchObject({
      state: "failed",
      lastReply: expect.stringMatching(/^550 5\.1\.1 <nobody@peer-relay\.test>: .*unknown at the relay/),
    });
    const ownReport = (await copiesIn(t.db, alice, "inbox")).find((m) =>
      m.raw.includes("Final-Recipient: rfc822; nobody@peer-relay.test"),
    );
    expect(ownReport, "Mailroom's report for the relay's refusal").toBeDefined();
    const own = await simpleParser(ownReport!.raw);
    expect(own.headers.get("content-type")).toMatchObject({ value: "multipart/report" });
    expect(ownReport!.raw.toString()).toMatch(/Diagnostic-Code: smtp; 550 5\.1\.1/);

    // the far end gets it from Postfix, with Mailroom as envelope sender and the signature intact
    const got = await waitFor(
      async () => far.received.find((r) => r.recipients.includes("ok@peer-far.test")),
      () => postfixLog(),
    );
    expect(got.mailFrom).toBe(alice.address);
    expect(got.raw.toString()).toMatch(/^Received: from mailroom\.test .*\r\n\s+by relay\.peer\.test \(Postfix\)/);
    const [key] = await t.db.select().from(dkimKeys).where(eq(dkimKeys.domain, org.domain));
    txt.set(`${key!.selector}._domainkey.${org.domain}`, dkimRecordValue(key!));
    const verified = await dkimVerify(got.raw, { resolver: resolver.mailauth });
    expect(verified.results[0]).toMatchObject({ signingDomain: org.domain, status: { result: "pass" } });

    // the far end refused gone@ after Postfix had accepted it: Postfix's own bounce reaches alice's Inbox
    const bounce = await waitFor(
      async () =>
        (await copiesIn(t.db, alice, "inbox")).find((m) => m.raw.includes("Reporting-MTA: dns; relay.peer.test")),
      () => postfixLog(),
    );
    const parsed = await simpleParser(bounce.raw);
    expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/report" });
    expect(bounce.raw.toString()).toMatch(/Final-Recipient: rfc822; gone@peer-far\.test/);
    expect(bounce.raw.toString()).toMatch(/550 5\.1\.1 No such user here/);
    expect(bounce.raw.toString()).toMatch(/^Return-Path: <>/);
    // …and the Sent copy's state for gone@ says it failed, with the far end's words; ok@ stays delivered
    expect(await state("gone@peer-far.test")).toMatchObject({
      state: "failed",
      lastReply: expect.stringContaining("5.1.1"),
    });
    expect((await state("ok@peer-far.test")).state).toBe("delivered");
    expect(postfixLog()).toMatch(/sasl_method=PLAIN, sasl_username=mailroom-relay/);
  });
});
