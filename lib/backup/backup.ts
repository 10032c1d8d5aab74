import "server-only";
import fs from "node:fs";
import { once } from "node:events";
import readline from "node:readline";
import { asc, count, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { BACKUP_TABLES, decodeRow, encodeRow, primaryKeyOf } from "./tables";

/**
 * Backup and restore of everything (organisations, accounts, delegations, audit, mail, quotas) as
 * one JSON Lines file, the same on both databases:
 *   {"format":"mailroom-backup","version":1,"createdAt":…,"migrations":N}
 *   {"table":"organizations","row":{…}}   one line per row, tables in BACKUP_TABLES order
 *   {"end":true,"rows":{"organizations":1,…}}
 * Bytes are {"$b64":…}, instants {"$date":…}. The backup reads one REPEATABLE READ snapshot, so it
 * is consistent while the server runs; the restore writes into an empty, migrated database in one
 * transaction (all or nothing).
 */
export const BACKUP_FORMAT = "mailroom-backup";
const BATCH = 100;

type Counts = Record<string, number>;

async function* rowsOf(tx: Db, table: PgTable): AsyncGenerator<Record<string, unknown>> {
  const key = primaryKeyOf(table);
  const order = key.map((k) => asc(k.column));
  let after: Record<string, unknown> | null = null;
  for (;;) {
    let where: SQL | undefined;
    if (after) {
      const last = after;
      where = sql`(${sql.join(
        key.map((k) => k.column),
        sql`, `,
      )}) > (${sql.join(
        key.map((k) => sql`${last[k.key]}`),
        sql`, `,
      )})`;
    }
    const batch = (await tx
      .select()
      .from(table)
      .where(where)
      .orderBy(...order)
      .limit(BATCH)) as Record<string, unknown>[];
    for (const row of batch) yield row;
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1]!;
  }
}

async function write(out: fs.WriteStream, line: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, "drain");
}

/** Writes a backup of the whole database to `file`; returns the rows per table. */
export async function backupDatabase(db: Db, file: string, migrations: number): Promise<Counts> {
  const out = fs.createWriteStream(file, { mode: 0o600 });
  const counts: Counts = {};
  try {
    await db.transaction(
      async (tx) => {
        await write(out, { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), migrations });
        for (const [name, table] of BACKUP_TABLES) {
          counts[name] = 0;
          for await (const row of rowsOf(tx, table)) {
            await write(out, { table: name, row: encodeRow(row) });
            counts[name]++;
          }
        }
        await write(out, { end: true, rows: counts });
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
  } finally {
    out.end();
    await once(out, "close");
  }
  return counts;
}

/** Restores a backup into an empty database migrated to the same version; returns the rows per table. */
export async function restoreDatabase(db: Db, file: string, migrations: number): Promise<Counts> {
  const [{ n }] = (await db.select({ n: count() }).from(organizations)) as [{ n: number }];
  if (Number(n) > 0) throw new DomainError("restoreNotEmpty");
  const tables = new Map(BACKUP_TABLES);
  const counts: Counts = {};
  let header = false;
  let ended = false;
  await db.transaction(async (tx) => {
    // The rows come with their counters and quotas as they were: no trigger runs on them.
    await tx.execute(sql`set local session_replication_role = replica`);
    type Pending = { table: PgTable; name: string; rows: Record<string, unknown>[] };
    let pending = null as Pending | null;
    const flush = async () => {
      if (pending?.rows.length) await tx.insert(pending.table).values(pending.rows as never);
      if (pending) pending.rows = [];
    };
    // Opened here, right before it is read: readline drops lines emitted before iteration starts.
    const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    for await (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      if (!header) {
        if (line.format !== BACKUP_FORMAT || line.version !== 1) throw new DomainError("restoreNotABackup");
        if (line.migrations !== migrations)
          throw new DomainError("restoreVersion", undefined, { backup: Number(line.migrations), here: migrations });
        header = true;
        continue;
      }
      if (line.end) {
        ended = true;
        break;
      }
      const name = String(line.table);
      const table = tables.get(name);
      if (!table) throw new DomainError("restoreNotABackup");
      if (pending?.name !== name) {
        await flush();
        pending = { table, name, rows: [] };
      }
      pending.rows.push(decodeRow(line.row as Record<string, unknown>));
      counts[name] = (counts[name] ?? 0) + 1;
      if (pending.rows.length >= BATCH) await flush();
    }
    await flush();
    if (!ended) throw new DomainError("restoreTruncated");
  });
  return counts;
}
