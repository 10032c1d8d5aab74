import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { messages, type Account } from "../../db/schema";
import { buildMessage, type OutgoingMessage } from "../../lib/mime/build-message";
import { parseListing } from "../../lib/mime/parse-listing";
import { storeMessage } from "../../lib/messages/store-message";
import { createOrg, createUser, folderOf } from "../support/factories";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: { id: string; domain: string };

beforeAll(async () => {
  org = await createOrg(t.db);
});

const DAY = 24 * 3600 * 1000;

async function put(account: Account, message: Partial<OutgoingMessage>, receivedAt = new Date()) {
  const raw = await buildMessage({
    from: { name: "Client", address: "client@elsewhere.test" },
    to: [{ name: account.displayName, address: account.address }],
    subject: "Hello",
    text: "Text.",
    ...message,
  });
  const listing = await parseListing(raw);
  const inbox = await folderOf(t.db, account, "inbox");
  const stored = await t.db.transaction((tx) =>
    storeMessage(tx, account.orgId, raw, listing, [{ accountId: account.id, folderId: inbox.id, receivedAt }]),
  );
  const [row] = await t.db
    .select({ threadId: messages.threadId, subjectKey: messages.subjectKey })
    .from(messages)
    .where(and(eq(messages.orgId, account.orgId), eq(messages.id, stored.messageIds[0]!)));
  return row!;
}

describe("conversations: the thread a message joins when stored", () => {
  it("a reply joins the message it answers by In-Reply-To, whatever its subject", async () => {
    const user = await createUser(t.db, org);
    const first = await put(user, { subject: "Invoice 42", messageId: "<a1@elsewhere.test>" });
    const reply = await put(user, { subject: "About that", inReplyTo: "<a1@elsewhere.test>" });
    expect(reply.threadId).toBe(first.threadId);
  });

  it("References reach the conversation when the direct parent is missing", async () => {
    const user = await createUser(t.db, org);
    const root = await put(user, { subject: "Root", messageId: "<r1@elsewhere.test>" });
    const late = await put(user, {
      subject: "Something else",
      inReplyTo: "<missing@elsewhere.test>",
      references: ["<r1@elsewhere.test>", "<missing@elsewhere.test>"],
    });
    expect(late.threadId).toBe(root.threadId);
  });

  it("without references, the subject without Re:/TR:/Fwd: and [tags] within 30 days", async () => {
    const user = await createUser(t.db, org);
    const now = Date.now();
    const first = await put(user, { subject: "Printer broken" }, new Date(now - 10 * DAY));
    const re = await put(user, { subject: "RE : [Support] Re: printer  BROKEN" }, new Date(now - 5 * DAY));
    const tr = await put(user, { subject: "TR: Printer broken" }, new Date(now));
    expect(re.subjectKey).toBe("printer broken");
    expect(re.threadId).toBe(first.threadId);
    expect(tr.threadId).toBe(first.threadId);
  });

  it("the same subject after 30 days of silence starts a new conversation; an empty subject never groups", async () => {
    const user = await createUser(t.db, org);
    const now = Date.now();
    const old = await put(user, { subject: "Monthly report" }, new Date(now - 40 * DAY));
    const fresh = await put(user, { subject: "Monthly report" }, new Date(now));
    expect(fresh.threadId).not.toBe(old.threadId);
    const a = await put(user, { subject: "" });
    const b = await put(user, { subject: "Re:" });
    expect(b.threadId).not.toBe(a.threadId);
  });

  it("conversations are per mailbox: another mailbox's message with that Message-ID is not joined", async () => {
    const alice = await createUser(t.db, org);
    const bob = await createUser(t.db, org);
    const mine = await put(alice, { subject: "Private thing", messageId: "<p1@elsewhere.test>" });
    const theirs = await put(bob, { subject: "Answer", inReplyTo: "<p1@elsewhere.test>" });
    expect(theirs.threadId).not.toBe(mine.threadId);
  });
});
