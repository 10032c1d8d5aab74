import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createDb, type Db, type DbHandle } from "../../db/client";
import { migrate } from "../../db/migrate";
import { accounts, auditEvents, delegations, folders, messageContents, messages } from "../../db/schema";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "../../db/schema";
import { addAliasByAddress } from "../../lib/aliases/operator-aliases";
import { backupDatabase, restoreDatabase } from "../../lib/backup/backup";
import { BACKUP_TABLES, encodeRow, NOT_BACKED_UP } from "../../lib/backup/tables";
import { setPaneCollapsed } from "../../lib/shared-folders/pane-collapse";
import { actorOf } from "../support/session";
import { expectedMigrations } from "../../lib/health/readiness";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { refusal } from "../support/domain-error";
import { useTestDb } from "../support/test-db";

const t = useTestDb();

/** An empty database of the run's kind, migrated. */
async function emptyDatabase(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = createDb({ dataDir: "memory://" });
    await migrate(handle);
    return { handle, drop: () => handle.close() };
  }
  const name = `mailroom_restore_${process.pid}_${Date.now()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = createDb({ url: target.toString(), max: 2 });
  await migrate(handle);
  return {
    handle,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const snapshot = async (db: Db) => ({
  accounts: await db
    .select({ a: accounts.address, used: accounts.usedBytes, quota: accounts.quotaBytes, hash: accounts.passwordHash })
    .from(accounts)
    .orderBy(asc(accounts.address)),
  delegations: await db
    .select({ m: delegations.mailboxId, d: delegations.delegateId, f: delegations.fullAccess, s: delegations.sendAs })
    .from(delegations)
    .orderBy(asc(delegations.mailboxId)),
  messages: await db
    .select({ id: messages.id, subject: messages.subject, folder: messages.folderId, seen: messages.seen })
    .from(messages)
    .orderBy(asc(messages.id)),
  raws: (await db.select({ raw: messageContents.raw }).from(messageContents))
    .map((r) => r.raw.toString("base64"))
    .sort(),
  counters: await db
    .select({ id: folders.id, total: folders.totalCount, unread: folders.unreadCount })
    .from(folders)
    .orderBy(asc(folders.id)),
  audit: (await db.select({ action: auditEvents.action }).from(auditEvents)).map((r) => r.action).sort(),
});

/** A table's rows as comparable text, whatever their order. */
const everyRow = async (db: Db, table: PgTable) =>
  ((await db.select().from(table)) as Record<string, unknown>[]).map((r) => JSON.stringify(encodeRow(r))).sort();

describe("backup and restore (npm run mailroom -- backup FILE / restore FILE)", () => {
  it("keeps every table of the schema, or names it as left out with why", () => {
    const tables = (Object.values(schema) as unknown[])
      .filter((v): v is PgTable => v instanceof PgTable)
      .map((table) => getTableConfig(table).name)
      .sort();
    const kept = BACKUP_TABLES.map(([name]) => name);
    expect([...kept, ...Object.keys(NOT_BACKED_UP)].sort()).toEqual(tables);
    for (const [name, table] of BACKUP_TABLES) expect(getTableConfig(table).name).toBe(name);
  });

  it("restores into an empty database the same mailboxes, rights, messages, counters, quotas and audit", async () => {
    const org = await createOrg(t.db);
    const user = await createUser(t.db, org, { local: "marie" });
    const shared = await createShared(t.db, org, { local: "accueil" });
    await delegate(t.db, shared, user, { fullAccess: true, sendAs: true });
    await addMessage(t.db, shared, { subject: "Devis signé", text: "Bonjour ✓" });
    await addMessage(t.db, user, { subject: "Read one", seen: true });
    await t.db.insert(auditEvents).values({ orgId: org.id, actorAddress: "operator", action: "test.backup" });
    await addAliasByAddress(t.db, shared.address, `bonjour@${shared.address.split("@")[1]}`);
    await setPaneCollapsed(t.db, actorOf(user), { mailboxId: shared.id, collapsed: true });
    const before = await snapshot(t.db);
    expect(before.messages.length).toBeGreaterThanOrEqual(2);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-backup-")), "backup.jsonl");
    const written = await backupDatabase(t.db, file, expectedMigrations());
    expect(written.messages).toBe(before.messages.length);

    const target = await emptyDatabase();
    try {
      const restored = await restoreDatabase(target.handle.db, file, expectedMigrations());
      expect(restored).toEqual(Object.fromEntries(Object.entries(written).filter(([, n]) => n > 0)));
      expect(await snapshot(target.handle.db)).toEqual(before);
      // Every table kept, row for row (the shared mailbox's alias and a collapsed pane among them).
      for (const [name, table] of BACKUP_TABLES)
        expect(await everyRow(target.handle.db, table), name).toEqual(await everyRow(t.db, table));
      // A second restore into a database that is no longer empty is refused, changing nothing.
      expect((await refusal(restoreDatabase(target.handle.db, file, expectedMigrations()))).code).toBe(
        "restoreNotEmpty",
      );
      const [shared2] = await target.handle.db.select().from(accounts).where(eq(accounts.id, shared.id));
      expect(shared2?.passwordHash).toBeNull();
    } finally {
      await target.drop();
    }
  });

  it("refuses a file that is not a backup, or one cut short, writing nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-backup-"));
    const target = await emptyDatabase();
    try {
      fs.writeFileSync(path.join(dir, "x.jsonl"), '{"hello":1}\n');
      expect((await refusal(restoreDatabase(target.handle.db, path.join(dir, "x.jsonl"), 1))).code).toBe(
        "restoreNotABackup",
      );
      const org = await createOrg(t.db);
      await createUser(t.db, org);
      const file = path.join(dir, "full.jsonl");
      await backupDatabase(t.db, file, expectedMigrations());
      const lines = fs.readFileSync(file, "utf8").trim().split("\n");
      fs.writeFileSync(path.join(dir, "cut.jsonl"), lines.slice(0, -3).join("\n"));
      expect(
        (await refusal(restoreDatabase(target.handle.db, path.join(dir, "cut.jsonl"), expectedMigrations()))).code,
      ).toBe("restoreTruncated");
      expect(await target.handle.db.select().from(accounts)).toEqual([]);
    } finally {
      await target.drop();
    }
  });
});
