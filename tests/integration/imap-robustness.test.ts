import fs from "node:fs";
import net from "node:net";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { ConnectionLimiter } from "../../servers/imap/limits";
import { addMessage, createOrg, createUser, TEST_PASSWORD } from "../support/factories";
import { imapClient, rawImap, startImap, type RunningImap } from "../support/imap";
import { useTestDb } from "../support/test-db";

/** TLS ports, connection caps, abusive input and a client that never reads: what an attacker would try. */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
const tls = {
  cert: fs.readFileSync("tests/fixtures/smtp-test.crt"),
  key: fs.readFileSync("tests/fixtures/smtp-test.key"),
};

beforeAll(async () => {
  org = await createOrg(t.db);
});

/** A raw connection: what it was sent so far, and whether the server closed it. */
function rawConnection(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  const state = { text: "", closed: false };
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => {
    state.text += chunk;
    if (state.text.length > 100_000) state.text = state.text.slice(-50_000);
  });
  socket.on("close", () => (state.closed = true));
  socket.on("error", () => {});
  const until = async (done: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!done()) {
      if (Date.now() > end) throw new Error(`timed out; received: ${state.text.slice(-300)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { socket, state, until };
}

describe("TLS", () => {
  let implicit: RunningImap;
  let starttls: RunningImap;
  beforeAll(async () => {
    implicit = await startImap(t.handle, { tls: { ...tls, security: "implicit" } });
    starttls = await startImap(t.handle, { tls: { ...tls, security: "starttls" } });
  });
  afterAll(async () => {
    await implicit.close();
    await starttls.close();
  });

  it("serves imapflow over implicit TLS (port 993's mode)", async () => {
    const user = await createUser(t.db, org);
    await addMessage(t.db, user, { subject: "Over TLS" });
    const client = new ImapFlow({
      host: "127.0.0.1",
      port: implicit.port,
      secure: true,
      tls: { rejectUnauthorized: false },
      auth: { user: user.address, pass: TEST_PASSWORD },
      logger: false,
    });
    await client.connect();
    await client.mailboxOpen("INBOX");
    const message = await client.fetchOne("1", { envelope: true }, { uid: true });
    expect((message as { envelope: { subject: string } }).envelope.subject).toBe("Over TLS");
    await client.logout();
  });

  it("on the STARTTLS port refuses LOGIN in clear (LOGINDISABLED), and serves imapflow after STARTTLS", async () => {
    const user = await createUser(t.db, org);
    await addMessage(t.db, user, { subject: "After STARTTLS" });
    const [capability, login] = await rawImap(starttls.port, ["CAPABILITY", `LOGIN ${user.address} ${TEST_PASSWORD}`]);
    expect(capability).toMatch(/STARTTLS/);
    expect(capability).toMatch(/LOGINDISABLED/);
    expect(login).toMatch(/A2 (BAD|NO) /);
    expect(login).not.toMatch(/A2 OK/);

    const client = new ImapFlow({
      host: "127.0.0.1",
      port: starttls.port,
      secure: false,
      doSTARTTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: user.address, pass: TEST_PASSWORD },
      logger: false,
    });
    await client.connect();
    await client.mailboxOpen("INBOX");
    const message = await client.fetchOne("1", { envelope: true }, { uid: true });
    expect((message as { envelope: { subject: string } }).envelope.subject).toBe("After STARTTLS");
    await client.logout();
  });
});

describe("connection caps", () => {
  it("says BYE to a client address past its cap, and serves it again once one closes", async () => {
    const imap = await startImap(t.handle, {
      limiter: new ConnectionLimiter({ maxConnectionsPerClient: 3, maxConnections: 100 }),
    });
    try {
      const open = [rawConnection(imap.port), rawConnection(imap.port), rawConnection(imap.port)];
      for (const c of open) await c.until(() => c.state.text.startsWith("* OK"));
      const fourth = rawConnection(imap.port);
      await fourth.until(() => fourth.state.closed);
      expect(fourth.state.text).toMatch(/^\* BYE Too many connections from your address \(at most 3\)/);
      open[0]!.socket.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const again = rawConnection(imap.port);
      await again.until(() => again.state.text.startsWith("* OK"));
      for (const c of [...open, again]) c.socket.destroy();
    } finally {
      await imap.close();
    }
  });

  it("says BYE past the global cap", async () => {
    const imap = await startImap(t.handle, {
      limiter: new ConnectionLimiter({ maxConnectionsPerClient: 100, maxConnections: 2 }),
    });
    try {
      const open = [rawConnection(imap.port), rawConnection(imap.port)];
      for (const c of open) await c.until(() => c.state.text.startsWith("* OK"));
      const third = rawConnection(imap.port);
      await third.until(() => third.state.closed);
      expect(third.state.text).toMatch(/^\* BYE Too many connections to this server/);
      for (const c of open) c.socket.destroy();
    } finally {
      await imap.close();
    }
  });
});

describe("abusive input", () => {
  let imap: RunningImap;
  beforeAll(async () => {
    imap = await startImap(t.handle, { socketTimeoutMs: 1500 });
  });
  afterAll(() => imap.close());

  it("closes a connection after a flood of malformed commands, and keeps serving others", async () => {
    const c = rawConnection(imap.port);
    await c.until(() => c.state.text.startsWith("* OK"));
    c.socket.write("garbage ((( )))\r\n".repeat(80));
    await c.until(() => c.state.closed);
    expect(c.state.text).toMatch(/\* BYE Too many protocol errors/);
    const [reply] = await rawImap(imap.port, ["NOOP"]);
    expect(reply).toMatch(/A1 OK/);
  });

  it("closes a connection whose command line never ends, without buffering it", async () => {
    const c = rawConnection(imap.port);
    await c.until(() => c.state.text.startsWith("* OK"));
    c.socket.write(`A1 LOGIN ${"x".repeat(200_000)}`);
    await c.until(() => c.state.closed);
    expect(c.state.text).toMatch(/\* BYE Command line too long/);
  });

  it("closes a connection that piles small literals into one command past 1 MiB", async () => {
    const c = rawConnection(imap.port);
    await c.until(() => c.state.text.startsWith("* OK"));
    const part = ` {1000}\r\n${"y".repeat(1000)}`;
    c.socket.write(`A1 ID (${part.repeat(1200)})\r\n`);
    await c.until(() => c.state.closed);
    expect(c.state.text).toMatch(/\* BYE Command too long/);
  });

  it("logs out a connection idle past the timeout (the default is RFC 3501's 30 minutes)", async () => {
    const c = rawConnection(imap.port);
    await c.until(() => c.state.text.startsWith("* OK"));
    await c.until(() => c.state.closed, 8000);
    expect(c.state.text).toMatch(/\* BYE Idle timeout/);
  });
});

describe("a client that never reads", () => {
  it("holds the server's memory to a batch, not the folder, and others are served meanwhile", async () => {
    const imap = await startImap(t.handle);
    try {
      const user = await createUser(t.db, org);
      const big = "z".repeat(76) + "\r\n";
      const added = await addMessage(t.db, user, { subject: "Big", text: big.repeat(3300) }); // ≈ 260 kB
      // 400 copies of it: FETCH 1:* BODY[] answers ≈ 100 MB.
      await t.db.execute(sql`
        insert into messages (account_id, folder_id, org_id, content_id, subject, snippet, size_bytes,
          received_at, from_address, from_name, to_list, cc_list, bcc_list, search_vector)
        select account_id, folder_id, org_id, content_id, subject, snippet, size_bytes, received_at,
          from_address, from_name, to_list, cc_list, bcc_list, search_vector
        from messages, generate_series(1, 399) where id = ${added.id}`);
      const before = process.memoryUsage();
      const c = rawConnection(imap.port);
      await c.until(() => c.state.text.startsWith("* OK"));
      c.socket.write(`A1 LOGIN ${user.address} ${TEST_PASSWORD}\r\nA2 SELECT INBOX\r\n`);
      await c.until(() => /A2 OK/.test(c.state.text));
      c.socket.write("A3 FETCH 1:* (BODY.PEEK[])\r\n");
      c.socket.pause(); // never reads again
      let peak = 0;
      for (let i = 0; i < 30; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const now = process.memoryUsage();
        peak = Math.max(peak, now.heapUsed + now.external - before.heapUsed - before.external);
      }
      // The answer is ≈ 100 MB; a batch of 20 messages is ≈ 5 MB. The margin covers what else this process
      // holds meanwhile (the embedded database runs in it); holding the folder's answer passes 100 MB.
      expect(peak).toBeLessThan(64 * 1024 * 1024);
      const other = await imapClient(imap.port, user.address);
      const box = await other.mailboxOpen("INBOX");
      expect(box.exists).toBe(400);
      await other.logout();
      c.socket.destroy();
      await new Promise((r) => setTimeout(r, 300)); // the server ends the session row on close
    } finally {
      await imap.close();
    }
  });
});
