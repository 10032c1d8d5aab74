import net from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageContents, messages, type Account } from "../../db/schema";
import { createOrg, createShared } from "../support/factories";
import { run, startPostfix } from "../support/postfix";
import { rawMessage, smtpSend, startMx, type RunningMx } from "../support/smtp";
import { useTestDb } from "../support/test-db";

/** Real SMTP clients from Debian against the MX listener: swaks, and Postfix relaying to it. */
const t = useTestDb();
let mx: RunningMx;
let org: Awaited<ReturnType<typeof createOrg>>;
let support: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  support = await createShared(t.db, org, { local: "support" });
  mx = await startMx(t.db);
});
afterAll(() => mx.close());

async function stored(subject: string) {
  return t.db
    .select({ raw: messageContents.raw })
    .from(messages)
    .innerJoin(
      messageContents,
      and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId)),
    )
    .where(and(eq(messages.accountId, support.id), eq(messages.subject, subject)));
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("swaks", () => {
  it("delivers to the shared mailbox, and is told 550 5.1.1 / 550 5.7.1 for the wrong recipients", async () => {
    const ok = await run("swaks", [
      "--server",
      `127.0.0.1:${mx.port}`,
      "--to",
      support.address,
      "--from",
      "customer@elsewhere.test",
      "--header",
      "Subject: via swaks",
    ]);
    expect(ok.output).toMatch(/<- {2}250 2\.6\.0 Ok: queued as/);
    expect(ok.code).toBe(0);
    expect(await stored("via swaks")).toHaveLength(1);

    const unknown = await run("swaks", ["--server", `127.0.0.1:${mx.port}`, "--to", `nobody@${org.domain}`]);
    expect(unknown.output).toMatch(/<\*\* 550 5\.1\.1 /);
    const relay = await run("swaks", ["--server", `127.0.0.1:${mx.port}`, "--to", "someone@example.net"]);
    expect(relay.output).toMatch(/<\*\* 550 5\.7\.1 /);
  });

  it("pipelines the envelope (swaks --pipeline)", async () => {
    const piped = await run("swaks", [
      "--server",
      `127.0.0.1:${mx.port}`,
      "--pipeline",
      "--to",
      support.address,
      "--header",
      "Subject: pipelined swaks",
    ]);
    expect(piped.code).toBe(0);
    expect(await stored("pipelined swaks")).toHaveLength(1);
  });
});

describe.runIf(process.getuid?.() === 0)("Postfix relaying to Mailroom", () => {
  it("hands a message to the listener, which stores it with both trace lines", async () => {
    const port = await freePort();
    const postfix = await startPostfix(port, mx.port);
    try {
      const sent = await smtpSend(
        port,
        { from: "customer@elsewhere.test", to: [support.address] },
        rawMessage({ to: support.address, subject: "via postfix" }),
      );
      expect(sent).toMatchObject({ ok: true });
      let rows: { raw: Buffer }[] = [];
      for (let i = 0; i < 100 && rows.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 300));
        rows = await stored("via postfix");
      }
      expect(rows, postfix.log()).toHaveLength(1);
      const raw = rows[0]!.raw.toString();
      expect(raw).toMatch(/^Return-Path: <customer@elsewhere\.test>\r\nReceived: from relay\.peer\.test /);
      expect(raw).toMatch(/by relay\.peer\.test \(Postfix\)/);
      expect(postfix.log()).toMatch(/status=sent \(250 2\.6\.0 Ok: queued as/);
    } finally {
      await postfix.stop();
    }
  });
});
