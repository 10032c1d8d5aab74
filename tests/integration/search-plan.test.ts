import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../db/schema";
import { pageQuery, PAGE_SIZE, pageRequest } from "../../lib/messages/list-messages";
import { deleteUser } from "../../lib/admin/users/delete-user";
import { analyzeAfterBulkWrite, BULK_WRITE_ROWS } from "../../lib/messages/planner-statistics";
import { COUNT_LIMIT, countQuery, searchCondition, searchWhere } from "../../lib/messages/search";
import { addMessage, createOrg, createUser } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let owner: Account;
let other: Account;
let admin: Account;
const BULK = 20_000;

type Rows = { rows: Record<string, unknown>[] } | Record<string, unknown>[];
const rowsOf = (result: unknown) => {
  const r = result as Rows;
  return Array.isArray(r) ? r : r.rows;
};

/** EXPLAIN ANALYZE of a query, as text, with the planner left to its own choices. */
async function explainAnalyze(query: { getSQL(): SQL }): Promise<string> {
  const result = await t.db.execute(sql`explain (analyze, costs off, timing off) ${query.getSQL()}`);
  return rowsOf(result)
    .map((r) => String(Object.values(r)[0]))
    .join("\n");
}

/** The largest number of rows any node of the plan read and threw away. */
const removed = (plan: string) =>
  Math.max(0, ...[...plan.matchAll(/Rows Removed by (?:Filter|Index Recheck): (\d+)/g)].map((m) => Number(m[1])));

/**
 * An import-sized write of `count` messages into a mailbox, none with the rare word: copies of one
 * real message, each with a search vector drawn from a mail-like vocabulary (a few words in every
 * message, thousands of others each in a few), so the statistics look like a real mailbox's.
 */
async function bulkInsert(account: Account, count: number) {
  const seed = await addMessage(t.db, account, { subject: "weekly figures", text: "common filler text" });
  await t.db.execute(sql`
    insert into messages (org_id, id, account_id, folder_id, content_id, subject, size_bytes, received_at,
      search_vector)
    select org_id, gen_random_uuid(), account_id, folder_id, content_id, subject, size_bytes,
      received_at - make_interval(secs => g),
      to_tsvector('simple', 'weekly figures common filler text w' || (g % 4000) || ' k' || (g % 997))
    from messages, generate_series(1, ${count}) g
    where id = ${seed.id}`);
}

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org, { name: "Importer" });
  other = await createUser(t.db, org, { name: "Neighbour" });
  admin = await createUser(t.db, org, { name: "Admin", role: "admin" });
  await bulkInsert(other, BULK);
  await bulkInsert(owner, BULK);
  for (const subject of ["zanzibarite sighting", "zanzibarite again", "more zanzibarite"])
    await addMessage(t.db, owner, { subject });
  expect(await analyzeAfterBulkWrite(t.db, BULK)).toBe(true);
}, 120_000);

const inMailbox = (q: string) => searchWhere({ orgId: owner.orgId, mailboxIds: [owner.id] }, searchCondition(q)!);

describe("search plans after a bulk write and its ANALYZE", () => {
  it("a small write leaves statistics alone, a bulk one refreshes them", async () => {
    expect(await analyzeAfterBulkWrite(t.db, BULK_WRITE_ROWS - 1)).toBe(false);
    const stats = rowsOf(
      await t.db.execute(sql`select reltuples::bigint as n from pg_class where relname = 'messages'`),
    );
    expect(Number(stats[0]!.n)).toBeGreaterThan(BULK);
  });

  it("a rare word's page and count read the GIN index, not the mailbox", async () => {
    for (const query of [
      pageQuery(t.db, inMailbox("zanzibarite"), pageRequest({}), PAGE_SIZE + 1),
      countQuery(t.db, inMailbox("zanzibarite")),
    ]) {
      const plan = await explainAnalyze(query);
      expect(plan).toContain("messages_search");
      expect(plan).not.toContain("Seq Scan on messages");
      expect(removed(plan)).toBeLessThanOrEqual(PAGE_SIZE + 1);
    }
  });

  it("a word in no message reads no rows", async () => {
    const plan = await explainAnalyze(pageQuery(t.db, inMailbox("nowhereatall"), pageRequest({}), PAGE_SIZE + 1));
    expect(plan).toContain("messages_search");
    expect(removed(plan)).toBe(0);
  });

  it("a common word's page and count stop after a page (or the count's cap) of rows", async () => {
    const page = await explainAnalyze(pageQuery(t.db, inMailbox("weekly figures"), pageRequest({}), PAGE_SIZE + 1));
    expect(page).not.toContain("Seq Scan on messages");
    expect(removed(page)).toBeLessThanOrEqual(PAGE_SIZE + 1);
    const count = await explainAnalyze(countQuery(t.db, inMailbox("weekly")));
    expect(count).toContain(`Limit (actual rows=${COUNT_LIMIT + 1}`);
  });

  it("deleting a mailbox of many messages refreshes the statistics when it commits", async () => {
    await deleteUser(t.db, actorOf(admin), { id: other.id });
    const stats = rowsOf(
      await t.db.execute(sql`select reltuples::bigint as n from pg_class where relname = 'messages'`),
    );
    expect(Number(stats[0]!.n)).toBeLessThan(BULK + 100);
  });
});
