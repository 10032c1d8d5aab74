import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, messageContents, messages } from "../../db/schema";
import { addAliasByAddress } from "../../lib/aliases/operator-aliases";
import { loadMailView } from "../../lib/mailboxes/mail-view";
import { listPaneMailboxes } from "../../lib/shared-folders/pane-mailboxes";
import { createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { rawMessage, rawSession, smtpSend, startMx, stubResolver, type RunningMx } from "../support/smtp";
import { useTestDb } from "../support/test-db";

/** The MX listener spoken to over real SMTP (nodemailer's transport, or a raw socket), the database read back. */
const t = useTestDb();
let mx: RunningMx;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  org = await createOrg(t.db);
  mx = await startMx(t.db);
});
afterAll(() => mx.close());

async function copiesIn(accountId: string) {
  return t.db
    .select({ id: messages.id, folderId: messages.folderId, subject: messages.subject, raw: messageContents.raw })
    .from(messages)
    .innerJoin(
      messageContents,
      and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId)),
    )
    .where(eq(messages.accountId, accountId));
}

describe("recipients are checked at RCPT", () => {
  it("refuses an unknown address of ours with 550 5.1.1, a foreign domain with 550 5.7.1 (no relay)", async () => {
    const unknown = await smtpSend(mx.port, { from: "a@elsewhere.test", to: [`nobody@${org.domain}`] }, rawMessage());
    expect(unknown).toMatchObject({ ok: false });
    expect(unknown.response).toMatch(/^550 5\.1\.1 /);
    const relay = await smtpSend(mx.port, { from: "a@elsewhere.test", to: ["someone@gmail.com"] }, rawMessage());
    expect(relay.response).toMatch(/^550 5\.7\.1 /);
    expect(mx.logs.some((l) => l.includes("<someone@gmail.com>") && l.includes("5.7.1"))).toBe(true);
  });

  it("accepts a user's address in any case, and a suspended user's mailbox still receives", async () => {
    const user = await createUser(t.db, org, { local: "casey" });
    await t.db.update(accounts).set({ state: "suspended" }).where(eq(accounts.id, user.id));
    const sent = await smtpSend(
      mx.port,
      { from: "a@elsewhere.test", to: [`CaSeY@${org.domain.toUpperCase()}`] },
      rawMessage({ subject: "Case" }),
    );
    expect(sent).toMatchObject({ ok: true });
    expect(sent.response).toMatch(/^250 2\.6\.0 Ok: queued as [0-9A-F]{12}$/);
    const stored = await copiesIn(user.id);
    expect(stored.map((m) => m.subject)).toEqual(["Case"]);
    expect(stored[0]!.folderId).toBe((await folderOf(t.db, user, "inbox")).id);
  });

  it("refuses the 101st recipient of a message with 452 4.5.3", async () => {
    const box = await createShared(t.db, org, { local: "many" });
    const aliases = Array.from({ length: 101 }, (_, i) => `many${i}@${org.domain}`);
    for (const a of aliases.slice(0, 100)) await addAliasByAddress(t.db, box.address, a);
    const session = await rawSession(mx.port);
    session.write("EHLO client.test\r\n");
    await session.replies(1);
    session.write("MAIL FROM:<a@elsewhere.test>\r\n" + aliases.map((a) => `RCPT TO:<${a}>\r\n`).join(""));
    const replies = await session.replies(102);
    expect(replies.slice(0, 101).every((r) => r.startsWith("250"))).toBe(true);
    expect(replies[101]).toMatch(/^452 4\.5\.3 /);
    session.destroy();
  });
});

describe("a shared mailbox receives from outside", () => {
  it("stores one raw copy with trace headers; its Full Access delegate sees it at once, unread", async () => {
    const support = await createShared(t.db, org, { local: "support", name: "Support" });
    const guide = await createUser(t.db, org, { local: "guide" });
    await delegate(t.db, support, guide, { fullAccess: true });
    const body = rawMessage({ to: `support@${org.domain}`, subject: "Help please", body: "Caf\u00e9 line\r\nsecond" });
    const sent = await smtpSend(mx.port, { from: "customer@elsewhere.test", to: [`support@${org.domain}`] }, body);
    expect(sent).toMatchObject({ ok: true });

    const [stored] = await copiesIn(support.id);
    const raw = stored!.raw.toString("utf8");
    expect(raw.startsWith("Return-Path: <customer@elsewhere.test>\r\nReceived: from ")).toBe(true);
    expect(raw).toMatch(/by mx\.mailroom\.test \(Mailroom\) with ESMTP id [0-9A-F]{12}\r\n\tfor <support@/);
    expect(raw).toMatch(/Authentication-Results: mx\.mailroom\.test;/);
    expect(raw).toMatch(/spf=none/);
    expect(raw.endsWith(body)).toBe(true); // the message itself byte for byte
    const [content] = await t.db
      .select({ n: messageContents.id })
      .from(messageContents)
      .where(eq(messageContents.orgId, org.id));
    expect(content).toBeTruthy();

    const actor = actorOf(guide);
    const tree = await listPaneMailboxes(t.db, actor);
    const shared = tree.shared.find((m) => m.mailbox.address === support.address)!;
    expect(shared.folders.find((f) => f.kind === "inbox")!.unreadCount).toBe(1);
    const view = await loadMailView(t.db, actor, { address: support.address, folder: "inbox", query: {} });
    expect(view.list.rows.map((r) => r.subject)).toEqual(["Help please"]);
  });

  it("delivers mail to an alias into its mailbox, once when the alias and the address are both named", async () => {
    const sales = await createShared(t.db, org, { local: "sales" });
    await addAliasByAddress(t.db, sales.address, `contact@${org.domain}`);
    const sent = await smtpSend(
      mx.port,
      { from: "a@elsewhere.test", to: [`Contact@${org.domain}`, sales.address] },
      rawMessage({ subject: "Via alias" }),
    );
    expect(sent).toMatchObject({ ok: true, accepted: [`Contact@${org.domain}`, sales.address] });
    const stored = await copiesIn(sales.id);
    expect(stored.map((m) => m.subject)).toEqual(["Via alias"]);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, sales.id));
    expect(row!.usedBytes).toBe(stored[0]!.raw.length);
  });
});

describe("quota", () => {
  it("answers 452 4.2.2 at RCPT for a full mailbox, and for one that cannot take the declared SIZE", async () => {
    const small = await createShared(t.db, org, { local: "small", quotaBytes: 20_000 });
    const session = await rawSession(mx.port);
    session.write("EHLO client.test\r\n");
    await session.replies(1);
    session.write(`MAIL FROM:<a@elsewhere.test> SIZE=30000\r\nRCPT TO:<${small.address}>\r\nRSET\r\n`);
    const [mail, rcpt] = await session.replies(3);
    expect(mail).toMatch(/^250/);
    expect(rcpt).toMatch(/^452 4\.2\.2 /);
    session.destroy();

    await t.db.update(accounts).set({ usedBytes: 20_000 }).where(eq(accounts.id, small.id));
    const full = await smtpSend(mx.port, { from: "a@elsewhere.test", to: [small.address] }, rawMessage());
    expect(full.response).toMatch(/^452 4\.2\.2 /);
  });

  it("never passes the quota when parallel deliveries race into a nearly full mailbox", async () => {
    const one = Buffer.byteLength(rawMessage({ subject: "race 00" }));
    // Room for about five messages with their trace headers (~600 bytes each).
    const box = await createShared(t.db, org, { local: "race", quotaBytes: 5 * (one + 700) });
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        smtpSend(
          mx.port,
          { from: "a@elsewhere.test", to: [box.address] },
          rawMessage({ subject: `race ${String(i).padStart(2, "0")}` }),
        ),
      ),
    );
    const accepted = results.filter((r) => r.ok).length;
    expect(results.every((r) => r.ok || /^452 4\.2\.2 /.test(r.response))).toBe(true);
    const stored = await copiesIn(box.id);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, box.id));
    expect(stored.length).toBe(accepted);
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(16);
    expect(row!.usedBytes).toBe(stored.reduce((sum, m) => sum + m.raw.length, 0));
    expect(row!.usedBytes).toBeLessThanOrEqual(row!.quotaBytes);
  });
});

describe("size", () => {
  it("refuses a declared SIZE over the limit at MAIL, an undeclared one at the end of DATA: 552 5.3.4", async () => {
    const tiny = await startMx(t.db, { maxMessageBytes: 10_000 });
    try {
      const box = await createShared(t.db, org, { local: "tiny" });
      const session = await rawSession(tiny.port);
      session.write("EHLO client.test\r\n");
      const [ehlo] = await session.replies(1);
      expect(ehlo).toBeDefined();
      session.write("MAIL FROM:<a@elsewhere.test> SIZE=20000\r\n");
      expect((await session.replies(1))[0]).toMatch(/^552 5\.3\.4 /);
      session.write(`MAIL FROM:<a@elsewhere.test>\r\nRCPT TO:<${box.address}>\r\nDATA\r\n`);
      await session.replies(3);
      session.write(rawMessage({ body: "x".repeat(20_000) }) + "\r\n.\r\n");
      expect((await session.replies(1))[0]).toMatch(/^552 5\.3\.4 /);
      session.destroy();
      expect(await copiesIn(box.id)).toEqual([]);
    } finally {
      await tiny.close();
    }
  });

  it("takes a 25 MB message", async () => {
    const big = await createShared(t.db, org, { local: "big", quotaBytes: 100 * 1024 * 1024 });
    const line = "a".repeat(998) + "\r\n";
    const body = line.repeat(Math.floor((25 * 1000 * 1000 - 1000) / line.length));
    const sent = await smtpSend(mx.port, { from: "a@elsewhere.test", to: [big.address] }, rawMessage({ body }));
    expect(sent).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, big.id));
    expect(row!.usedBytes).toBeGreaterThan(24_900_000);
  });
});

describe("protocol", () => {
  it("offers SIZE, PIPELINING, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES; no STARTTLS with no certificate", async () => {
    const session = await rawSession(mx.port);
    session.write("EHLO client.test\r\n");
    const [text] = await session.replies(1);
    session.destroy();
    for (const ext of ["PIPELINING", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", `SIZE ${25 * 1024 * 1024}`])
      expect(text).toContain(ext);
    expect(text).not.toContain("STARTTLS");
    expect(text).not.toContain("AUTH");
  });

  it("answers a pipelined envelope in order, and stores the message once", async () => {
    const pipe = await createShared(t.db, org, { local: "pipe" });
    const session = await rawSession(mx.port);
    session.write("EHLO client.test\r\n");
    await session.replies(1);
    session.write(
      `MAIL FROM:<a@elsewhere.test>\r\nRCPT TO:<${pipe.address}>\r\nRCPT TO:<nobody@${org.domain}>\r\n` +
        `RCPT TO:<x@foreign.test>\r\nDATA\r\n`,
    );
    const replies = await session.replies(5);
    expect(replies.map((r) => r.slice(0, 9))).toEqual([
      "250 2.1.0",
      "250 2.1.5",
      "550 5.1.1",
      "550 5.7.1",
      "354 End d",
    ]);
    session.write(rawMessage({ subject: "Pipelined" }) + ".\r\nQUIT\r\n");
    const [done] = await session.replies(1);
    expect(done).toMatch(/^250 2\.6\.0 /);
    expect((await copiesIn(pipe.id)).map((m) => m.subject)).toEqual(["Pipelined"]);
    session.destroy();
  });

  it("stores nothing when the client leaves in the middle of DATA", async () => {
    const gone = await createShared(t.db, org, { local: "gone" });
    const session = await rawSession(mx.port);
    session.write(`EHLO c.test\r\nMAIL FROM:<a@elsewhere.test>\r\nRCPT TO:<${gone.address}>\r\nDATA\r\n`);
    await session.replies(4);
    session.write(rawMessage({ subject: "Half" }).slice(0, 120));
    await new Promise((r) => setTimeout(r, 100));
    session.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(await copiesIn(gone.id)).toEqual([]);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, gone.id));
    expect(row!.usedBytes).toBe(0);
    expect(mx.logs.some((l) => l.includes(gone.address) && l.includes("aborted"))).toBe(true);
  });

  it("takes bad input without loss or crash: NUL, bare LF, 8-bit headers, a 1 MB line, broken MIME", async () => {
    const odd = await createShared(t.db, org, { local: "odd", quotaBytes: 50 * 1024 * 1024 });
    const cases: Buffer[] = [
      Buffer.from(rawMessage({ subject: "nul", body: "a\u0000b" })),
      Buffer.from("From: a@elsewhere.test\nSubject: bare lf\n\nline one\nline two\n"),
      Buffer.concat([
        Buffer.from("From: a@elsewhere.test\r\nSubject: "),
        Buffer.from([0xe9, 0x74, 0xe9]),
        Buffer.from("\r\n\r\nbody\r\n"),
      ]),
      Buffer.from(rawMessage({ subject: "long line", body: "y".repeat(1024 * 1024) })),
      Buffer.from(
        "From: a@elsewhere.test\r\nSubject: broken mime\r\n" +
          'Content-Type: multipart/mixed; boundary="nope\r\n\r\n--x\r\nno end',
      ),
    ];
    for (const raw of cases) {
      const session = await rawSession(mx.port);
      session.write(`EHLO c.test\r\nMAIL FROM:<a@elsewhere.test>\r\nRCPT TO:<${odd.address}>\r\nDATA\r\n`);
      const replies = await session.replies(4);
      expect(replies[3]).toMatch(/^354/);
      session.write(Buffer.concat([raw, Buffer.from(raw.subarray(-2).toString() === "\r\n" ? ".\r\n" : "\r\n.\r\n")]));
      expect((await session.replies(1))[0]).toMatch(/^250 /);
      session.destroy();
    }
    const stored = await copiesIn(odd.id);
    expect(stored).toHaveLength(cases.length);
    for (const raw of cases) {
      // The line end before the final dot belongs to the message (RFC 5321 §4.1.1.4).
      const sent = raw.subarray(-2).toString() === "\r\n" ? raw : Buffer.concat([raw, Buffer.from("\r\n")]);
      expect(stored.some((m) => m.raw.subarray(m.raw.length - sent.length).equals(sent))).toBe(true);
    }
  });

  it("caps simultaneous connections from one client address with 421", async () => {
    const capped = await startMx(t.db, { maxConnectionsPerClient: 3 });
    try {
      const sessions = [await rawSession(capped.port), await rawSession(capped.port), await rawSession(capped.port)];
      const net = await import("node:net");
      const fourth = net.connect(capped.port, "127.0.0.1");
      const greeting = await new Promise<string>((resolve) => fourth.once("data", (c) => resolve(c.toString())));
      expect(greeting).toMatch(/^421 /);
      fourth.destroy();
      sessions.forEach((s) => s.destroy());
    } finally {
      await capped.close();
    }
  });
});

describe("STARTTLS", () => {
  it("is offered with a certificate, and mail sent over it is traced as ESMTPS", async () => {
    const fixtures = path.resolve(__dirname, "../fixtures");
    const tls = {
      cert: fs.readFileSync(path.join(fixtures, "smtp-test.crt")),
      key: fs.readFileSync(path.join(fixtures, "smtp-test.key")),
    };
    const secured = await startMx(t.db, { tls });
    try {
      const session = await rawSession(secured.port);
      session.write("EHLO client.test\r\n");
      const [ehlo] = await session.replies(1);
      expect(ehlo).toContain("STARTTLS");
      session.destroy();
      const box = await createShared(t.db, org, { local: "tls" });
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: secured.port,
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      } as SMTPTransport.Options);
      const info = await transport.sendMail({
        envelope: { from: "a@elsewhere.test", to: [box.address] },
        raw: rawMessage({ subject: "Over TLS" }),
      });
      transport.close();
      expect(info.response).toMatch(/^250 /);
      const [stored] = await copiesIn(box.id);
      expect(stored!.raw.toString()).toMatch(/with ESMTPS id /);
    } finally {
      await secured.close();
    }
  });
});

describe("DMARC", () => {
  const records = (policy: string) =>
    stubResolver({
      "_dmarc.bank.test": { TXT: [[`v=DMARC1; p=${policy}`]] },
      "bank.test": { TXT: [["v=spf1 -all"]] },
    });

  it("refuses a p=reject failure with 550 5.7.1, storing nothing; p=quarantine goes to Junk Email", async () => {
    const box = await createShared(t.db, org, { local: "dmarc" });
    const rejecting = await startMx(t.db, { resolver: records("reject") });
    const quarantining = await startMx(t.db, { resolver: records("quarantine") });
    try {
      const spoof = rawMessage({ from: "Bank <alerts@bank.test>", subject: "Spoofed" });
      const refused = await smtpSend(rejecting.port, { from: "alerts@bank.test", to: [box.address] }, spoof);
      expect(refused.response).toMatch(/^550 5\.7\.1 /);
      expect(await copiesIn(box.id)).toEqual([]);

      const junked = await smtpSend(quarantining.port, { from: "alerts@bank.test", to: [box.address] }, spoof);
      expect(junked).toMatchObject({ ok: true });
      const [stored] = await copiesIn(box.id);
      expect(stored!.folderId).toBe((await folderOf(t.db, box, "junk")).id);
      expect(stored!.raw.toString()).toMatch(/dmarc=fail/);
      expect(stored!.raw.toString()).toMatch(/spf=fail/);
    } finally {
      await rejecting.close();
      await quarantining.close();
    }
  });
});
