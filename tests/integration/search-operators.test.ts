import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { messages, type Account } from "../../db/schema";
import { searchMailbox } from "../../lib/messages/search";
import { searchAllMailboxes } from "../../lib/search/search-all-mailboxes";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Search operators (issue 16 item 7): from:, to:, subject:, has:attachment, is:, before:, after:,
 * alone or with words, in one mailbox and in all of them; a stranger's mail never comes back.
 */
const t = useTestDb();
let owner: Account;
let shared: Account;

const search = async (q: string, timeZone?: string) =>
  (
    await searchMailbox(
      t.db,
      actorOf(owner),
      { id: owner.id },
      { query: q, timeZone },
      { cursor: null, direction: "after" },
    )
  ).rows
    .map((r) => r.subject)
    .sort();

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org, { name: "Olivia Owner", local: "olivia" });
  shared = await createShared(t.db, org, { local: "ventes" });
  await delegate(t.db, shared, owner, { fullAccess: true });
  const stranger = await createUser(t.db, org);
  const jean = { name: "Jean Dupont", address: "jean@client.test" };
  const marie = { name: "Marie Curie", address: "marie@labo.test" };
  await addMessage(t.db, owner, { subject: "March invoice", from: jean, receivedAt: new Date("2026-03-05T10:00:00Z") });
  await addMessage(t.db, owner, { subject: "April invoice", from: jean, receivedAt: new Date("2026-04-05T10:00:00Z") });
  const lab = await addMessage(t.db, owner, {
    subject: "Lab results 100%",
    from: marie,
    receivedAt: new Date("2026-04-20T10:00:00Z"),
    seen: true,
  });
  await t.db.update(messages).set({ flagged: true, hasAttachments: true }).where(eq(messages.id, lab.id));
  // 00:30 on 1 June in Paris, still 31 May in UTC.
  await addMessage(t.db, owner, {
    subject: "Night owl",
    from: { name: "Night Owl", address: "owl@night.test" },
    receivedAt: new Date("2026-05-31T22:30:00Z"),
    seen: true,
  });
  await addMessage(t.db, shared, { subject: "Devis ventes", from: jean });
  await addMessage(t.db, stranger, { subject: "Stranger invoice", from: jean });
});

describe("search operators", () => {
  it("from: the sender's name or address, with or without words", async () => {
    expect(await search("from:dupont")).toEqual(["April invoice", "March invoice"]);
    expect(await search('from:"Jean Dupont" april')).toEqual(["April invoice"]);
    expect(await search("from:labo.test")).toEqual(["Lab results 100%"]);
  });

  it("to:, subject:, has:attachment, is:", async () => {
    expect(await search("to:olivia subject:march")).toEqual(["March invoice"]);
    expect(await search("has:attachment")).toEqual(["Lab results 100%"]);
    expect(await search("is:flagged")).toEqual(["Lab results 100%"]);
    expect(await search("is:unread")).toEqual(["April invoice", "March invoice"]);
    expect(await search("subject:100%")).toEqual(["Lab results 100%"]);
    expect(await search("subject:_")).toEqual([]);
  });

  it("before: and after: by the date received (after from that day on, before until the day before)", async () => {
    expect(await search("after:2026-04-01 before:2026-05-01")).toEqual(["April invoice", "Lab results 100%"]);
    expect(await search("after:2026-04-01 before:2026-04-20")).toEqual(["April invoice"]);
    expect(await search("de:jean avant:2026-04-01")).toEqual(["March invoice"]);
  });

  it("before: and after: are days of the reader's calendar, in one mailbox and in all", async () => {
    // Received at 00:30 on 1 June in Paris (22:30 UTC on 31 May).
    expect(await search("after:2026-06-01", "Europe/Paris")).toEqual(["Night owl"]);
    expect(await search("before:2026-06-01 after:2026-05-01", "Europe/Paris")).toEqual([]);
    expect(await search("after:2026-06-01")).toEqual([]);
    expect(await search("after:2026-05-31 before:2026-06-01")).toEqual(["Night owl"]);
    const all = (q: string, timeZone?: string) =>
      searchAllMailboxes(t.db, actorOf(owner), { q, cursor: null, timeZone }).then((r) => r.hits.map((h) => h.subject));
    expect(await all("après:2026-06-01 avant:2026-06-02", "Europe/Paris")).toEqual(["Night owl"]);
    expect(await all("après:2026-06-01 avant:2026-06-02")).toEqual([]);
  });

  it("across every mailbox the person may open, never another's", async () => {
    const all = await searchAllMailboxes(t.db, actorOf(owner), { q: "from:jean", cursor: null });
    expect(all.hits.map((h) => h.subject).sort()).toEqual(["April invoice", "Devis ventes", "March invoice"]);
    expect(all.found).toEqual({ count: 3, more: false });
  });
});
