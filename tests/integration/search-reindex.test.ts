import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../db/schema";
import { pageRequest } from "../../lib/messages/list-messages";
import { reindexSearchVectors } from "../../lib/messages/reindex";
import { searchMailbox } from "../../lib/messages/search";
import { addMessage, createOrg, createUser } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let owner: Account;
let longId: string;
let shortId: string;

const filler = (chars: number) =>
  "the quarterly report is attached as agreed. ".repeat(Math.ceil(chars / 44)).slice(0, chars);

const find = async (q: string) =>
  (await searchMailbox(t.db, actorOf(owner), { address: owner.address }, { query: q }, pageRequest({}))).rows.map(
    (r) => r.subject,
  );

/** What messages stored before whole bodies were indexed hold: the first 20,000 characters' words. */
const cutVector = (id: string, text: string) =>
  t.db.execute(sql`update messages set search_vector = to_tsvector('simple', ${text}) where id = ${id}`);

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org, { name: "Archivist" });
  longId = (
    await addMessage(t.db, owner, { subject: "Old minutes", text: `${filler(30_000)} farbeyondthecut closing words` })
  ).id;
  shortId = (await addMessage(t.db, owner, { subject: "Short note", text: "briefnote only" })).id;
  // Ten more long ones, to cross batch boundaries.
  for (let i = 0; i < 10; i++)
    await addMessage(t.db, owner, { subject: `Long ${i}`, text: `${filler(21_000)} tail${i}x` });
  await cutVector(longId, `Old minutes ${filler(20_000)}`);
  await t.db.execute(
    sql`update messages set search_vector = to_tsvector('simple', subject || ' ' || ${filler(20_000)})
        where account_id = ${owner.id} and subject like 'Long %'`,
  );
  // A short message's vector is not touched (its content is under the former limit).
  await cutVector(shortId, "Short note briefnote only marker4short");
}, 120_000);

describe("mailroom reindex", () => {
  it("makes words past the former 20,000-character cut searchable, in batches, short contents left alone", async () => {
    expect(await find("farbeyondthecut")).toEqual([]);
    expect(await find("tail3x")).toEqual([]);
    const batches: number[] = [];
    const done = await reindexSearchVectors(t.db, { batch: 4, onBatch: (p) => batches.push(p.contents) });
    expect(done).toEqual({ contents: 11, messages: 11 });
    expect(batches).toEqual([4, 8, 11]);
    expect(await find("farbeyondthecut")).toEqual(["Old minutes"]);
    expect(await find("tail3x")).toEqual(["Long 3"]);
    // Untouched: its vector still holds the word only it had.
    expect(await find("marker4short")).toEqual(["Short note"]);
  });

  it("a second run finds the same contents and changes nothing a search sees", async () => {
    const again = await reindexSearchVectors(t.db, { batch: 50 });
    expect(again).toEqual({ contents: 11, messages: 11 });
    expect(await find("farbeyondthecut")).toEqual(["Old minutes"]);
  });
});
