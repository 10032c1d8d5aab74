import "server-only";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** The migrations this build carries (db/migrations/meta/_journal.json). */
export function expectedMigrations(): number {
  const journal = JSON.parse(
    fs.readFileSync(path.resolve(process.cwd(), "db/migrations/meta/_journal.json"), "utf8"),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

export type Readiness = { ready: boolean; database: boolean; migrations: { applied: number; expected: number } };

/** Ready: the database answers and every migration of this build is applied there. */
export async function checkReadiness(db: Db): Promise<Readiness> {
  const expected = expectedMigrations();
  try {
    const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const rows = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as { n: number }[];
    const applied = Number(rows[0]?.n ?? 0);
    return { ready: applied >= expected, database: true, migrations: { applied, expected } };
  } catch {
    return { ready: false, database: false, migrations: { applied: 0, expected } };
  }
}
