import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../db/schema";
import { decodeCursor, folderPageQuery, listFolderPage, pageRequest } from "../../lib/messages/list-messages";
import { addMessage, createOrg, createUser, folderOf } from "../support/factories";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let owner: Account;
let inbox: { orgId: string; id: string };
const ids: string[] = [];

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org);
  inbox = await folderOf(t.db, owner, "inbox");
  // Seven messages, three of them at the same instant: the keyset must order ties by id.
  const base = Date.parse("2026-01-10T10:00:00Z");
  for (const minutes of [0, 5, 5, 5, 9, 12, 30]) {
    const m = await addMessage(t.db, owner, {
      subject: `at ${minutes}`,
      receivedAt: new Date(base + minutes * 60_000),
    });
    ids.push(m.id);
  }
});

/** The plan's text, on either driver. */
async function plan(query: ReturnType<typeof folderPageQuery>): Promise<string> {
  return t.db.transaction(async (tx) => {
    // With seven rows the planner would rather scan the table: make it show how it uses the index.
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    const result = (await tx.execute(sql`explain ${query}`)) as unknown as
      Record<string, string>[] | { rows: Record<string, string>[] };
    const rows = Array.isArray(result) ? result : result.rows;
    return rows.map((r) => Object.values(r)[0]).join("\n");
  });
}

describe("folder listing", () => {
  it("pages newest first by (received_at, id), every message once, ties included", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listFolderPage>> = await listFolderPage(
        t.db,
        inbox,
        pageRequest({ after: cursor ?? undefined }),
        3,
      );
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.older;
    } while (cursor);
    const all = await listFolderPage(t.db, inbox, pageRequest({}), 50);
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect(new Set(seen)).toEqual(new Set(ids));
    const order = all.rows.map((r) => [r.receivedAt.getTime(), r.id] as const);
    const sorted = [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1));
    expect(order).toEqual(sorted);
  });

  it("reads the listing index in order, the cursor as a range of it (no sort, no filter)", async () => {
    const first = await plan(folderPageQuery(t.db, inbox, null, 51));
    expect(first).toContain("messages_folder_listing");
    expect(first).not.toMatch(/Sort/);
    const page = await listFolderPage(t.db, inbox, pageRequest({}), 2);
    const deep = await plan(folderPageQuery(t.db, inbox, decodeCursor(page.older), 51));
    expect(deep).toContain("messages_folder_listing");
    expect(deep).not.toMatch(/Sort|Filter/);
  });
});
