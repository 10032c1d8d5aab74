import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { Account } from "../../db/schema";
import { pageQuery, PAGE_SIZE, pageRequest } from "../../lib/messages/list-messages";
import { deleteUser } from "../../lib/admin/users/delete-user";
import { analyzeAfterBulkWrite, BULK_WRITE_ROWS } from "../../lib/messages/planner-statistics";
import {
  chooseSearchPlan,
  COUNT_LIMIT,
  countQuery,
  probeQuery,
  searchCondition,
  searchMessages,
  searchWhere,
  usePlan,
} from "../../lib/messages/search";
import { searchOneMailbox } from "../../lib/search/search-all-mailboxes";
import { addMessage, createOrg, createUser } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let owner: Account;
let other: Account;
let admin: Account;
let ownerInbox: string;
const BULK = 20_000;

type Rows = { rows: Record<string, unknown>[] } | Record<string, unknown>[];
const rowsOf = (result: unknown) => {
  const r = result as Rows;
  return Array.isArray(r) ? r : r.rows;
};

/** EXPLAIN ANALYZE of a query, as text. */
async function explainAnalyze(db: Db, query: { getSQL(): SQL }): Promise<string> {
  const result = await db.execute(sql`explain (analyze, costs off, timing off) ${query.getSQL()}`);
  const text = rowsOf(result)
    .map((r) => String(Object.values(r)[0]))
    .join("\n");
  if (process.env.SHOW_PLANS) console.log(text);
  return text;
}

/**
 * What a search of `where` does: the plan its probe chooses, the probe's EXPLAIN ANALYZE and the
 * page query's under the chosen plan (as searchMessages and searchAllMailboxes run them).
 */
async function planned(where: SQL | undefined, query: (tx: Db) => { getSQL(): SQL }) {
  return t.db.transaction(async (tx) => {
    await usePlan(tx, "words");
    const probe = await explainAnalyze(tx, probeQuery(tx, where));
    const { plan } = await chooseSearchPlan(tx, where);
    return { plan, probe, page: await explainAnalyze(tx, query(tx)) };
  });
}

const firstPage = (where: SQL | undefined) => (tx: Db) => pageQuery(tx, where, pageRequest({}), PAGE_SIZE + 1);

/** The largest number of rows any node of the plan read and threw away. */
const removed = (plan: string) =>
  Math.max(0, ...[...plan.matchAll(/Rows Removed by (?:Filter|Index Recheck): (\d+)/g)].map((m) => Number(m[1])));

/**
 * An import-sized write of `count` messages into a mailbox: copies of one real message, each with a
 * search vector drawn from a mail-like vocabulary (a few words in every message, thousands of
 * others each in a few, a sender among 500), so the statistics look like a real mailbox's. With
 * `rareEvery`, one message in that many also holds the rare word: another mailbox's matches, which
 * a search of the owner's mailbox must not read. Written in statements of 2,000 rows (each row
 * takes its folder's next UID).
 */
async function bulkInsert(account: Account, count: number, rareEvery = 0) {
  const seed = await addMessage(t.db, account, { subject: "weekly figures", text: "common filler text" });
  const rare = rareEvery > 0 ? sql`case when g % ${rareEvery} = 0 then ' zanzibarite' else '' end` : sql`''`;
  for (let start = 1; start <= count; start += 2000) {
    const end = Math.min(count, start + 1999);
    await t.db.execute(sql`
      insert into messages (org_id, id, account_id, folder_id, content_id, subject, size_bytes, received_at,
        search_vector)
      select org_id, gen_random_uuid(), account_id, folder_id, content_id, subject, size_bytes,
        received_at - make_interval(secs => g),
        to_tsvector('simple', 'weekly figures common filler text w' || (g % 4000) || ' k' || (g % 997)
          || ' sender' || (g % 500) || '@example.com' || ${rare})
      from messages, generate_series(${start}::int, ${end}::int) g
      where id = ${seed.id}`);
  }
}

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org, { name: "Importer" });
  other = await createUser(t.db, org, { name: "Neighbour" });
  admin = await createUser(t.db, org, { name: "Admin", role: "admin" });
  // The neighbour holds the rare word in 2,000 messages: the owner's mailbox only in 3.
  await bulkInsert(other, BULK, 10);
  await bulkInsert(owner, BULK);
  for (const subject of ["zanzibarite sighting", "zanzibarite again", "more zanzibarite"])
    ownerInbox = (await addMessage(t.db, owner, { subject })).folderId;
  expect(await analyzeAfterBulkWrite(t.db, BULK)).toBe(true);
}, 300_000);

const inMailbox = (q: string) => searchWhere({ orgId: owner.orgId, mailboxIds: [owner.id] }, searchCondition(q)!);

describe("search plans after a bulk write and its ANALYZE", () => {
  it("a small write leaves statistics alone, a bulk one refreshes them", async () => {
    expect(await analyzeAfterBulkWrite(t.db, BULK_WRITE_ROWS - 1)).toBe(false);
    const stats = rowsOf(
      await t.db.execute(sql`select reltuples::bigint as n from pg_class where relname = 'messages'`),
    );
    expect(Number(stats[0]!.n)).toBeGreaterThan(BULK);
  });

  it("a rare word (common in another mailbox) is read through the GIN index, that mailbox's entries only", async () => {
    const { plan, probe, page } = await planned(inMailbox("zanzibarite"), firstPage(inMailbox("zanzibarite")));
    expect(plan).toBe("words");
    for (const text of [probe, page]) {
      expect(text).toContain("messages_search");
      expect(text).not.toContain("Seq Scan on messages");
      // The neighbour's 2,000 matches are not read and thrown away.
      expect(removed(text)).toBeLessThanOrEqual(PAGE_SIZE + 1);
    }
  });

  it("a word in no message reads no rows", async () => {
    const { plan, probe } = await planned(inMailbox("nowhereatall"), firstPage(inMailbox("nowhereatall")));
    expect(plan).toBe("words");
    expect(probe).toContain("messages_search");
    expect(probe).toContain("Aggregate (actual rows=1");
    expect(removed(probe)).toBe(0);
  });

  it("a common word is read in date order: its count stops at the cap, its page after a page of rows", async () => {
    for (const q of ["weekly", "weekly figures"]) {
      const { plan, page } = await planned(inMailbox(q), firstPage(inMailbox(q)));
      expect(plan, q).toBe("date");
      expect(page, q).toContain("Index Scan using messages_account_listing");
      expect(page, q).not.toContain("Sort");
      expect(removed(page), q).toBeLessThanOrEqual(PAGE_SIZE + 1);
      const count = await t.db.transaction(async (tx) => {
        await chooseSearchPlan(tx, inMailbox(q));
        return explainAnalyze(tx, countQuery(tx, inMailbox(q)));
      });
      expect(count, q).toContain(`Limit (actual rows=${COUNT_LIMIT + 1}`);
      expect(count, q).not.toContain("Bitmap");
    }
  });

  it("a rare word's page in one folder reads that folder's matches through the same index", async () => {
    const inFolder = searchWhere(
      { orgId: owner.orgId, mailboxIds: [owner.id], folderId: ownerInbox },
      searchCondition("zanzibarite")!,
    );
    const { plan, page } = await planned(inFolder, firstPage(inFolder));
    expect(plan).toBe("words");
    expect(page).toContain("messages_search");
    expect(removed(page)).toBeLessThanOrEqual(PAGE_SIZE + 1);
  });

  it("a sender (one in 500 messages) and two-word queries read their matches, not the mailbox", async () => {
    for (const q of ["sender17@example.com", "w17 k17", "sender17@example.com weekly"]) {
      const { plan, page } = await planned(inMailbox(q), firstPage(inMailbox(q)));
      expect(plan, q).toBe("words");
      expect(page, q).toContain("messages_search");
      expect(removed(page), q).toBeLessThanOrEqual(PAGE_SIZE + 1);
    }
  });

  it("searching all my mailboxes plans each mailbox's query on that mailbox's matches", async () => {
    for (const q of ["zanzibarite", "nowhereatall", "weekly", "sender17@example.com", "w17 k17"]) {
      const matches = searchCondition(q)!;
      const { page } = await planned(inMailbox(q), (tx) =>
        searchOneMailbox(tx, owner.orgId, owner.id, matches, null, PAGE_SIZE + 1),
      );
      expect(page, q).not.toContain("Seq Scan on messages");
      expect(removed(page), q).toBeLessThanOrEqual(PAGE_SIZE + 1);
    }
  });

  it("the page and the count a person sees agree with the plan's rows", async () => {
    const rare = await searchMessages(
      t.db,
      { orgId: owner.orgId, mailboxIds: [owner.id] },
      "zanzibarite",
      pageRequest({}),
    );
    expect(rare.rows.map((r) => r.subject).sort()).toEqual([
      "more zanzibarite",
      "zanzibarite again",
      "zanzibarite sighting",
    ]);
    expect(rare.found).toEqual({ count: 3, more: false });
    const common = await searchMessages(
      t.db,
      { orgId: owner.orgId, mailboxIds: [owner.id] },
      "weekly",
      pageRequest({}),
    );
    expect(common.rows).toHaveLength(PAGE_SIZE);
    expect(common.found).toEqual({ count: COUNT_LIMIT, more: true });
    const sender = await searchMessages(
      t.db,
      { orgId: owner.orgId, mailboxIds: [owner.id] },
      "sender17@example.com",
      pageRequest({}),
    );
    expect(sender.found).toEqual({ count: BULK / 500, more: false });
  });

  it("deleting a mailbox of many messages refreshes the statistics when it commits", async () => {
    await deleteUser(t.db, actorOf(admin), { id: other.id });
    const stats = rowsOf(
      await t.db.execute(sql`select reltuples::bigint as n from pg_class where relname = 'messages'`),
    );
    expect(Number(stats[0]!.n)).toBeLessThan(BULK + 100);
  });
});
