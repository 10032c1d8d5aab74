import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../db/schema";
import { pageRequest } from "../../lib/messages/list-messages";
import { searchMailbox } from "../../lib/messages/search";
import { searchAllMailboxes } from "../../lib/search/search-all-mailboxes";
import { addMessage, createOrg, createUser } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let owner: Account;

/** Ordinary prose, repeated: few distinct words, any length. */
const filler = (chars: number) =>
  "the quarterly report is attached as agreed. ".repeat(Math.ceil(chars / 44)).slice(0, chars);

const find = (q: string) =>
  searchMailbox(t.db, actorOf(owner), { address: owner.address }, { query: q }, pageRequest({}));

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org, { name: "Reader" });
  await addMessage(t.db, owner, {
    subject: "Long minutes",
    text: `${filler(25_000)} aftertwentythousand ${filler(500_000)} afterhalfamillion ${filler(20_000)}`,
  });
  // More distinct words than the vector holds: the message is stored, its first words searchable.
  const many = Array.from({ length: 40_000 }, (_, i) => `tok${String(i).padStart(6, "0")}`);
  await addMessage(t.db, owner, { subject: "Inventory dump", text: many.join(" ") });
  // Words the parser splits into parts (hyphens, addresses, paths) must still fit the budget.
  const parts = Array.from({ length: 30_000 }, (_, i) => `x${i}-y${i}-z${i} u${i}@h${i}.test /p${i}/q${i}`);
  await addMessage(t.db, owner, { subject: "Parts", text: parts.join(" ") });
  for (const subject of ["countme one", "countme two", "countme three"]) await addMessage(t.db, owner, { subject });
}, 120_000);

describe("search index", () => {
  it("finds a word after 20,000 and after 500,000 characters of body", async () => {
    for (const word of ["aftertwentythousand", "afterhalfamillion"]) {
      const page = await find(word);
      expect(page.rows.map((r) => r.subject)).toEqual(["Long minutes"]);
      expect(page.found).toEqual({ count: 1, more: false });
    }
  });

  it("indexes distinct words up to the tsvector limit, and stores a message past it", async () => {
    expect((await find("tok000000")).rows.map((r) => r.subject)).toEqual(["Inventory dump"]);
    expect((await find("tok027000")).rows.map((r) => r.subject)).toEqual(["Inventory dump"]);
    // Past 27,777 distinct words of this size (36 estimated bytes each) the budget is spent: the documented limit.
    expect((await find("tok039999")).rows).toEqual([]);
    expect((await find("x100-y100-z100 u100@h100.test")).rows.map((r) => r.subject)).toEqual(["Parts"]);
    const sizes = (await t.db.execute(
      sql`select max(pg_column_size(search_vector))::int as n from messages`,
    )) as unknown as { rows: { n: number }[] } | { n: number }[];
    const rows = Array.isArray(sizes) ? sizes : sizes.rows;
    expect(rows[0]!.n).toBeLessThan(1_048_576);
  });

  it("counts results in one mailbox and in all", async () => {
    expect((await find("countme")).found).toEqual({ count: 3, more: false });
    expect((await find("countme two")).found).toEqual({ count: 1, more: false });
    expect((await find("nowhereword")).found).toEqual({ count: 0, more: false });
    const all = await searchAllMailboxes(t.db, actorOf(owner), { q: "countme", cursor: null });
    expect(all.found).toEqual({ count: 3, more: false });
    expect(all.hits).toHaveLength(3);
  });
});
