import fs from "node:fs";
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, setAppDb, type Db, type DbHandle } from "../../db/client";

/** The driver this run uses: "postgres" with TEST_DATABASE_URL, else "pglite". */
export const testDriver = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

async function createTestDb(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dump = new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
    const handle = createDb({ dataDir: "memory://", loadDataDir: dump });
    return { handle, drop: () => handle.close() };
  }
  const name = `mailroom_t_${randomUUID().replaceAll("-", "")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${inject("pgTemplateDb")}`);
      break;
    } catch (error) {
      // Two files cloning the template at the same instant: wait and retry.
      if (attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = createDb({ url: target.toString(), max: 25 });
  return {
    handle,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Gives the test file its own migrated database (and makes it the app's database, for actions).
 * Use: `const t = useTestDb();` then `t.db` inside tests.
 */
export function useTestDb(): { readonly db: Db; readonly handle: DbHandle } {
  let current: { handle: DbHandle; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    current = await createTestDb();
    setAppDb(current.handle);
  });
  afterAll(async () => {
    setAppDb(undefined);
    await current?.drop();
  });
  return {
    get db() {
      if (!current) throw new Error("test database not ready");
      return current.handle.db;
    },
    get handle() {
      if (!current) throw new Error("test database not ready");
      return current.handle;
    },
  };
}
