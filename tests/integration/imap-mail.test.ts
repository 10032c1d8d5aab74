import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, messages } from "../../db/schema";
import { buildMessage } from "../../lib/mime/build-message";
import { moveMessages, setFlagged, setSeen } from "../../lib/messages/manage-messages";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { imapClient, rawImap, startImap, type RunningImap } from "../support/imap";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/** Mail over IMAP: flags, search, append with quota, copy and move with UIDPLUS, expunge, IDLE. */
const t = useTestDb();
let imap: RunningImap;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  imap = await startImap(t.handle);
  org = await createOrg(t.db);
});
afterAll(() => imap.close());

const raw = (subject: string, text = "Body text") =>
  buildMessage({
    from: { name: "Ext", address: "ext@elsewhere.test" },
    to: [{ name: "", address: "x@example.test" }],
    subject,
    text,
  });

describe("flags, search and expunge", () => {
  it("stores system flags and keywords, searches columns and the full-text index, expunges \\Deleted", async () => {
    const user = await createUser(t.db, org);
    await addMessage(t.db, user, { subject: "Invoice March", text: "Please find the zebracorn invoice." });
    await addMessage(t.db, user, {
      subject: "Lunch",
      text: "Shall we eat?",
      from: { name: "Alice", address: "alice@a.test" },
    });
    const client = await imapClient(imap.port, user.address);
    const box = await client.mailboxOpen("INBOX");
    expect(box.exists).toBe(2);
    expect(Number(box.uidNext)).toBe(3);

    await client.messageFlagsAdd("1", ["\\Seen", "\\Flagged", "$Important"], { uid: true });
    const one = await client.fetchOne("1", { flags: true }, { uid: true });
    expect([...(one as { flags: Set<string> }).flags].sort()).toEqual(["$Important", "\\Flagged", "\\Seen"]);
    const [row] = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.accountId, user.id), eq(messages.uid, 1)));
    expect(row).toMatchObject({ seen: true, flagged: true, keywords: ["$Important"] });

    expect(await client.search({ body: "zebracorn" }, { uid: true })).toEqual([1]);
    expect(await client.search({ from: "alice" }, { uid: true })).toEqual([2]);
    expect(await client.search({ subject: "invoice" }, { uid: true })).toEqual([1]);
    expect(await client.search({ seen: false }, { uid: true })).toEqual([2]);
    expect(await client.search({ or: [{ subject: "lunch" }, { keyword: "$Important" }] }, { uid: true })).toEqual([
      1, 2,
    ]);

    await client.messageFlagsAdd("2", ["\\Deleted"], { uid: true });
    await client.messageDelete("2", { uid: true });
    expect(await client.search({ all: true }, { uid: true })).toEqual([1]);
    await client.logout();
  });

  it("fetches BODY[section] and partial ranges from the stored raw message", async () => {
    const user = await createUser(t.db, org);
    const added = await addMessage(t.db, user, { subject: "Parts", text: "abcdefghij", html: "<p>hello html</p>" });
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen("INBOX");
    const whole = await client.fetchOne("1", { source: true, bodyStructure: true }, { uid: true });
    expect((whole as { source: Buffer }).source.equals(added.raw)).toBe(true);
    const structure = (whole as { bodyStructure: { childNodes?: unknown[]; type: string } }).bodyStructure;
    expect(structure.type).toBe("multipart/alternative");
    const part = await client.fetchOne("1", { bodyParts: ["1"] }, { uid: true });
    expect((part as { bodyParts: Map<string, Buffer> }).bodyParts.get("1")?.toString()).toContain("abcdefghij");
    const [, partial] = await rawImap(imap.port, [
      `LOGIN ${user.address} Correct-horse-9`,
      "SELECT INBOX",
      "UID FETCH 1 (BODY.PEEK[]<0.12>)",
    ]).then((r) => [r[0], r[2]]);
    expect(partial).toContain("BODY[]<0> {12}");
    await client.logout();
  });
});

describe("APPEND, COPY and MOVE", () => {
  it("appends with flags and refuses over quota with [OVERQUOTA]", async () => {
    const user = await createUser(t.db, org, { quotaBytes: 4000 });
    const client = await imapClient(imap.port, user.address);
    const appended = await client.append("Drafts", await raw("draft one"), ["\\Draft", "\\Seen"]);
    expect(appended).toMatchObject({ uid: 1 });
    const [row] = await t.db.select().from(messages).where(eq(messages.accountId, user.id));
    expect(row).toMatchObject({ isDraft: true, seen: true, subject: "draft one" });

    const big = await raw("too big", "x".repeat(5000));
    await expect(client.append("INBOX", big)).rejects.toMatchObject({ serverResponseCode: "OVERQUOTA" });
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, user.id));
    expect(account!.usedBytes).toBe(row!.sizeBytes);
    await client.logout();
  });

  it("keeps one Sent copy when a client appends to Sent a message the server already filed there", async () => {
    const user = await createUser(t.db, org);
    const client = await imapClient(imap.port, user.address);
    const sent = "Message-ID: <kept-once@example.test>\r\nSubject: sent once\r\n\r\nHello\r\n";
    const first = await client.append("Sent", sent, ["\\Seen"]);
    const again = await client.append("Sent", sent, ["\\Seen"]);
    expect(again).toMatchObject({ uid: (first as { uid: number }).uid });
    const sentBox = await client.status("Sent", { messages: true });
    expect(sentBox && sentBox.messages).toBe(1);
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, user.id));
    expect(account!.usedBytes).toBe(Buffer.byteLength(sent));
    // Outside Sent, an APPEND always stores: a user may keep two copies on purpose.
    await client.append("Archive", sent);
    await client.append("Archive", sent);
    const archive = await client.status("Archive", { messages: true });
    expect(archive && archive.messages).toBe(2);
    await client.logout();
  });

  it("copies and moves within a mailbox and into a shared mailbox, with new UIDs (COPYUID)", async () => {
    const user = await createUser(t.db, org);
    const shared = await createShared(t.db, org);
    await delegate(t.db, shared, user, { fullAccess: true });
    await addMessage(t.db, user, { subject: "a" });
    await addMessage(t.db, user, { subject: "b" });
    await addMessage(t.db, user, { subject: "c" });
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen("INBOX");

    const copied = await client.messageCopy("1:2", "Archive", { uid: true });
    expect(copied).toMatchObject({ destination: "Archive" });
    expect([...(copied as { uidMap: Map<number, number> }).uidMap.entries()]).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const moved = await client.messageMove("3", "Archive", { uid: true });
    expect([...(moved as { uidMap: Map<number, number> }).uidMap.entries()]).toEqual([[3, 3]]);
    expect(await client.search({ all: true }, { uid: true })).toEqual([1, 2]);

    const toShared = await client.messageMove("1", `Shared/${shared.address}/INBOX`, { uid: true });
    expect([...(toShared as { uidMap: Map<number, number> }).uidMap.entries()]).toEqual([[1, 1]]);
    const inShared = await t.db.select().from(messages).where(eq(messages.accountId, shared.id));
    expect(inShared.map((m) => m.subject)).toEqual(["a"]);
    const [sharedAccount] = await t.db.select().from(accounts).where(eq(accounts.id, shared.id));
    expect(sharedAccount!.usedBytes).toBe(inShared[0]!.sizeBytes);

    // A move in the webmail gives the message a new UID in the destination, after those already there.
    const archive = await folderOf(t.db, user, "archive");
    const [b] = await t.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.accountId, user.id),
          eq(messages.uid, 2),
          eq(messages.folderId, (await folderOf(t.db, user, "inbox")).id),
        ),
      );
    await moveMessages(t.db, actorOf(user), { id: user.id }, [b!.id], archive.id);
    const [after] = await t.db.select().from(messages).where(eq(messages.id, b!.id));
    expect(after!.uid).toBe(4);
    await client.logout();
  });
});

describe("one mailbox, two views", () => {
  it("tells an IDLE-ing client within a second of a delivery, a webmail read/flag and a webmail move", async () => {
    const user = await createUser(t.db, org);
    const first = await addMessage(t.db, user, { subject: "first" });
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen("INBOX");
    const events: string[] = [];
    client.on("exists", (e: { count: number }) => events.push(`exists ${e.count}`));
    client.on("flags", (e: { uid?: number; seq: number; flags: Set<string> }) =>
      events.push(`flags ${e.seq} ${[...e.flags].sort().join(",")}`),
    );
    client.on("expunge", (e: { seq: number }) => events.push(`expunge ${e.seq}`));
    const idle = client.idle();
    const waitFor = async (text: string) => {
      const started = Date.now();
      while (!events.includes(text)) {
        if (Date.now() - started > 1000) throw new Error(`no "${text}" within a second: ${events.join("; ")}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await new Promise((r) => setTimeout(r, 100));

    await addMessage(t.db, user, { subject: "second" });
    await waitFor("exists 2");
    await setSeen(t.db, actorOf(user), { id: user.id }, [first.id], true);
    await waitFor("flags 1 \\Seen");
    await setFlagged(t.db, actorOf(user), { id: user.id }, [first.id], true);
    await waitFor("flags 1 \\Flagged,\\Seen");
    await moveMessages(t.db, actorOf(user), { id: user.id }, [first.id], (await folderOf(t.db, user, "archive")).id);
    await waitFor("expunge 1");
    await client.logout();
    await idle.catch(() => {});
  });

  it("an IMAP flag change shows in the webmail's unread count at once", async () => {
    const user = await createUser(t.db, org);
    await addMessage(t.db, user, { subject: "unread" });
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen("INBOX");
    await client.messageFlagsAdd("1", ["\\Seen"], { uid: true });
    const inbox = await folderOf(t.db, user, "inbox");
    expect(inbox.unreadCount).toBe(0);
    const status = await client.status("INBOX", { unseen: true, messages: true });
    expect(status).toMatchObject({ unseen: 0, messages: 1 });
    await client.logout();
  });
});

describe("bad input", () => {
  it("answers malformed commands with a tagged BAD and keeps serving", async () => {
    const user = await createUser(t.db, org);
    const replies = await rawImap(imap.port, [
      "FROBNICATE",
      "LOGIN",
      `LOGIN ${user.address} Correct-horse-9`,
      "SELECT",
      "NOOP",
    ]);
    expect(replies[0]).toMatch(/A1 BAD/);
    expect(replies[1]).toMatch(/A2 BAD/);
    expect(replies[2]).toMatch(/A3 OK/);
    expect(replies[3]).toMatch(/A4 BAD/);
    expect(replies[4]).toMatch(/A5 OK/);
  });

  it("refuses a literal over the limit before reading it, and keeps serving", async () => {
    const user = await createUser(t.db, org);
    const replies = await rawImap(imap.port, [
      `LOGIN ${user.address} Correct-horse-9`,
      "APPEND INBOX {999999999}",
      "NOOP",
    ]);
    expect(replies[1]).toMatch(/A2 NO \[TOOBIG\]/);
    expect(replies[2]).toMatch(/A3 OK/);
  });
});
