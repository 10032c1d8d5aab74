import { spawn } from "node:child_process";
import postgres from "postgres";
import { describe, expect, it } from "vitest";

const url = process.env.TEST_DATABASE_URL || process.env.MIGRATE_LOCK_DATABASE_URL;

function migrateProcess(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "db/migrate-cli.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

// PostgreSQL only: the embedded database serves one process at a time (its directory is locked).
describe.skipIf(!url)("migrations on many instances (PostgreSQL advisory lock)", () => {
  it("four processes starting at once on an empty database all succeed and apply each migration once", async () => {
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    const name = `mailroom_lock_${process.pid}_${Date.now()}`;
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => migrateProcess(target.toString())));
      for (const result of results) expect(result, result.output).toMatchObject({ code: 0 });
      const db = postgres(target.toString(), { max: 1, onnotice: () => {} });
      const applied = await db`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
      const journal = (await import("../../db/migrations/meta/_journal.json")).default;
      expect(applied).toHaveLength(journal.entries.length);
      expect(applied.every((row) => row.n === 1)).toBe(true);
      await db.end();
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
