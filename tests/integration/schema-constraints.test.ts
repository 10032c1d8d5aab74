import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, delegations, folders, messages, type Account } from "../../db/schema";
import { insertAccount } from "../../lib/accounts/insert-account";
import { addMessage, createOrg, createShared, createUser, folderOf } from "../support/factories";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let user: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  user = await createUser(t.db, org, { local: "alice" });
});

/** The database's own error code, whichever driver wrapped it. */
async function pgCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code;
  }
}

describe("the schema's guarantees", () => {
  it("refuses a password hash on a shared mailbox (CHECK)", async () => {
    const shared = await createShared(t.db, org);
    expect(
      await pgCode(t.db.update(accounts).set({ passwordHash: "$argon2id$x" }).where(eq(accounts.id, shared.id))),
    ).toBe("23514");
  });

  it("keeps addresses unique across the installation, case-insensitively", async () => {
    const other = await createOrg(t.db);
    const insert = t.db.insert(accounts).values({
      orgId: other.id,
      address: user.address,
      displayName: "Copy",
      kind: "standard",
      quotaBytes: 1000,
    });
    expect(await pgCode(insert)).toBe("23505");
    // stored lower-case only: an upper-case address cannot slip past the index
    const upper = t.db.insert(accounts).values({
      orgId: other.id,
      address: user.address.toUpperCase(),
      displayName: "Copy",
      kind: "standard",
      quotaBytes: 1000,
    });
    expect(await pgCode(upper)).toMatch(/^23/);
  });

  it("creates the six well-known folders with every mailbox, once each", async () => {
    const rows = await t.db.select({ kind: folders.kind }).from(folders).where(eq(folders.accountId, user.id));
    expect(rows.map((r) => r.kind).sort()).toEqual(["archive", "deleted", "drafts", "inbox", "junk", "sent"]);
    const again = t.db.insert(folders).values({ orgId: org.id, accountId: user.id, kind: "inbox", name: "Inbox 2" });
    expect(await pgCode(again)).toBe("23505");
  });

  it("refuses two sibling folders whose names differ only by case", async () => {
    await t.db.insert(folders).values({ orgId: org.id, accountId: user.id, kind: "user", name: "Projects" });
    const twin = t.db.insert(folders).values({ orgId: org.id, accountId: user.id, kind: "user", name: "projects" });
    expect(await pgCode(twin)).toBe("23505");
  });

  it("never lets used bytes pass the quota, nor go below zero", async () => {
    const small = await createUser(t.db, org, { quotaBytes: 1000 });
    expect(await pgCode(t.db.update(accounts).set({ usedBytes: 1001 }).where(eq(accounts.id, small.id)))).toBe("23514");
    expect(await pgCode(t.db.update(accounts).set({ usedBytes: -1 }).where(eq(accounts.id, small.id)))).toBe("23514");
  });

  it("refuses a delegation of a mailbox to itself, and one with no right", async () => {
    const self = t.db
      .insert(delegations)
      .values({ orgId: org.id, mailboxId: user.id, delegateId: user.id, fullAccess: true });
    expect(await pgCode(self)).toBe("23514");
    const shared = await createShared(t.db, org);
    const empty = t.db.insert(delegations).values({ orgId: org.id, mailboxId: shared.id, delegateId: user.id });
    expect(await pgCode(empty)).toBe("23514");
  });

  it("refuses the admin role on a shared mailbox", async () => {
    const insert = t.db.transaction((tx) =>
      tx.insert(accounts).values({
        orgId: org.id,
        address: `x-${Date.now()}@${org.domain}`,
        displayName: "X",
        kind: "shared",
        role: "admin",
        quotaBytes: 10,
      }),
    );
    expect(await pgCode(insert)).toBe("23514");
  });

  it("keeps folder counters right through insert, mark read, move and delete", async () => {
    const bob = await insertAccount(t.db, {
      orgId: org.id,
      address: `bob-${Date.now()}@${org.domain}`,
      displayName: "Bob",
      kind: "standard",
      quotaBytes: 10_000_000,
    });
    const inbox = await folderOf(t.db, bob, "inbox");
    const archive = await folderOf(t.db, bob, "archive");
    const a = await addMessage(t.db, bob);
    await addMessage(t.db, bob);
    await addMessage(t.db, bob, { seen: true });
    const counts = async (id: string) => {
      const [f] = await t.db
        .select({ total: folders.totalCount, unread: folders.unreadCount })
        .from(folders)
        .where(eq(folders.id, id));
      return f;
    };
    expect(await counts(inbox.id)).toEqual({ total: 3, unread: 2 });
    await t.db.update(messages).set({ seen: true }).where(eq(messages.id, a.id));
    expect(await counts(inbox.id)).toEqual({ total: 3, unread: 1 });
    await t.db
      .update(messages)
      .set({ folderId: archive.id })
      .where(and(eq(messages.accountId, bob.id), eq(messages.seen, false)));
    expect(await counts(inbox.id)).toEqual({ total: 2, unread: 0 });
    expect(await counts(archive.id)).toEqual({ total: 1, unread: 1 });
    await t.db.delete(messages).where(eq(messages.accountId, bob.id));
    expect(await counts(inbox.id)).toEqual({ total: 0, unread: 0 });
    expect(await counts(archive.id)).toEqual({ total: 0, unread: 0 });
  });

  it("has the indexes the listing and unread queries use", async () => {
    const rows = (await t.db.execute(sql`select indexname from pg_indexes where tablename = 'messages'`)) as unknown;
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { indexname: string }[];
    expect(list.map((r) => r.indexname)).toEqual(
      expect.arrayContaining(["messages_folder_listing", "messages_account_listing", "messages_search"]),
    );
  });
});
