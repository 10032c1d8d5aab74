import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, messages } from "../../db/schema";
import { addMessage, createOrg, createShared, createUser, delegate, TEST_PASSWORD } from "../support/factories";
import { imapClient, rawImap, startImap, type RunningImap } from "../support/imap";
import { useTestDb } from "../support/test-db";

/** R13 over IMAP: COPY and MOVE across mailboxes, EXPUNGE in a shared mailbox; and LITERAL+. */
const t = useTestDb();
let imap: RunningImap;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  imap = await startImap(t.handle);
  org = await createOrg(t.db);
});
afterAll(() => imap.close());

const trail = (mailboxId: string) =>
  t.db
    .select({ action: auditEvents.action, actorId: auditEvents.actorId, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.mailboxId, mailboxId), eq(auditEvents.orgId, org.id)))
    .orderBy(asc(auditEvents.at));

async function delegateOf() {
  const shared = await createShared(t.db, org);
  const user = await createUser(t.db, org);
  await delegate(t.db, shared, user, { fullAccess: true });
  return { shared, user, base: `Shared/${shared.address}` };
}

describe("audit of IMAP changes in a mailbox that is not one's own", () => {
  it("records COPY and MOVE out of and into a shared mailbox on its trail, none on the owner's", async () => {
    const { shared, user, base } = await delegateOf();
    await addMessage(t.db, shared, { subject: "one" });
    await addMessage(t.db, shared, { subject: "two" });
    await addMessage(t.db, user, { subject: "mine" });
    const client = await imapClient(imap.port, user.address);

    await client.mailboxOpen(`${base}/INBOX`);
    await client.messageCopy("1:*", "Archive");
    await client.messageMove("1", "INBOX");
    await client.mailboxOpen("INBOX");
    await client.messageMove("1:*", `${base}/Archive`, { uid: false });
    await client.logout();

    const events = await trail(shared.id);
    expect(events).toEqual([
      {
        action: "mail.copy",
        actorId: user.id,
        details: { count: 2, to: "Archive", toKind: "archive", toMailbox: user.address },
      },
      {
        action: "mail.move",
        actorId: user.id,
        details: { count: 1, to: "INBOX", toKind: "inbox", toMailbox: user.address },
      },
      {
        action: "mail.move",
        actorId: user.id,
        details: {
          count: 2,
          to: "Archive",
          toKind: "archive",
          from: "INBOX",
          fromKind: "inbox",
          fromMailbox: user.address,
        },
      },
    ]);
    expect(await trail(user.id)).toEqual([]);
  });

  it("records EXPUNGE in a shared mailbox as the webmail's deletion for good", async () => {
    const { shared, user, base } = await delegateOf();
    await addMessage(t.db, shared, { subject: "gone" });
    await addMessage(t.db, shared, { subject: "stays" });
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen(`${base}/INBOX`);
    await client.messageDelete("1");
    await client.logout();

    expect(await trail(shared.id)).toEqual([
      {
        action: "mail.delete",
        actorId: user.id,
        details: { count: 1, moved: 0, purged: 1, folder: "INBOX" },
      },
    ]);
    const left = await t.db
      .select({ subject: messages.subject })
      .from(messages)
      .where(eq(messages.accountId, shared.id));
    expect(left.map((m) => m.subject)).toEqual(["stays"]);

    // The owner's own expunge is not audited.
    await addMessage(t.db, user, { subject: "own" });
    const own = await imapClient(imap.port, user.address);
    await own.mailboxOpen("INBOX");
    await own.messageDelete("1");
    await own.logout();
    expect(await trail(user.id)).toEqual([]);
  });
});

describe("LITERAL+", () => {
  it("takes an APPEND with a non-synchronising literal in one round trip, without a continuation", async () => {
    const user = await createUser(t.db, org);
    const message = "Subject: literal plus\r\n\r\nsent without waiting\r\n";
    const [, append] = await rawImap(imap.port, [
      `LOGIN ${user.address} ${TEST_PASSWORD}`,
      `APPEND INBOX (\\Seen) {${Buffer.byteLength(message)}+}\r\n${message}`,
    ]);
    expect(append).not.toMatch(/^\+ /m);
    expect(append).toMatch(/A2 OK \[APPENDUID \d+ 1\]/);
    const [row] = await t.db.select().from(messages).where(eq(messages.accountId, user.id));
    expect(row).toMatchObject({ subject: "literal plus", seen: true });

    // A literal that arrives in many packets, followed by another command in the same write.
    const large = `Subject: large\r\n\r\n${"0123456789abcdef\r\n".repeat(20_000)}`;
    const [, big] = await rawImap(imap.port, [
      `LOGIN ${user.address} ${TEST_PASSWORD}`,
      `APPEND Drafts {${large.length}+}\r\n${large}\r\nA9 NOOP`,
    ]);
    expect(big).not.toMatch(/^\+ /m);
    expect(big).toMatch(/A2 OK \[APPENDUID \d+ 1\]/);
    const stored = await t.db.select().from(messages).where(eq(messages.subject, "large"));
    expect(stored[0]?.sizeBytes).toBe(large.length);
  });

  it("drops a refused non-synchronising literal without running its bytes as commands", async () => {
    const user = await createUser(t.db, org);
    const hidden = "X1 CREATE Injected\r\n".repeat(200);
    const [, refused, after] = await rawImap(imap.port, [
      `LOGIN ${user.address} ${TEST_PASSWORD}`,
      `CREATE {${hidden.length}+}\r\n${hidden}`,
      "NOOP",
    ]);
    expect(refused).toMatch(/A2 NO .*too large/i);
    expect(refused).not.toContain("X1");
    expect(after).not.toContain("X1");
    expect(after).toMatch(/A3 OK/);
    const client = await imapClient(imap.port, user.address);
    expect((await client.list()).map((f) => f.path)).not.toContain("Injected");
    await client.logout();
  });
});
