import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { PGLITE_EXTENSIONS } from "./pglite-extensions";
import { acquireDataDirLock, releaseDataDirLock } from "./data-dir-lock";
import * as schema from "./schema";

/** One typed handle that both drivers satisfy. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; every domain function that writes takes one or opens one. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type DbHandle = {
  db: Db;
  driver: "postgres" | "pglite";
  close: () => Promise<void>;
  /**
   * Runs fn holding a PostgreSQL session advisory lock (on a connection of its own), so that
   * processes sharing the database take turns; PGlite serves one process, which runs fn at once.
   */
  withAdvisoryLock: <T>(key: number, fn: () => Promise<T>) => Promise<T>;
};

export type DbOptions = {
  /** A PostgreSQL URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; "memory://" for an in-memory database. */
  dataDir?: string;
  /** PGlite: a dump made by dumpDataDir() to start from. */
  loadDataDir?: Blob | File;
  /** postgres.js pool size. */
  max?: number;
};

const BYTEA_OID = 17;
/**
 * bytea for PGlite, through Buffer's hex codec: PGlite's own goes through an array of one string per
 * byte, which takes hundreds of MB (and seconds) for a message with a 20 MB attachment.
 */
const serializeBytea = (value: Uint8Array) =>
  "\\x" + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex");
const parseBytea = (text: string) => Buffer.from(text.slice(2), "hex");

export function createDb(options: DbOptions = {}): DbHandle {
  if (options.url) {
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
    return {
      db: drizzlePostgres(client, { schema }) as unknown as Db,
      driver: "postgres",
      close: () => client.end({ timeout: 5 }),
      withAdvisoryLock: async (key, fn) => {
        // A connection of its own: the pool may have a single one, which fn needs.
        const lock = postgres(options.url!, { max: 1, onnotice: () => {} });
        try {
          await lock`select pg_advisory_lock(${key})`;
          return await fn();
        } finally {
          await lock.end({ timeout: 5 });
        }
      },
    };
  }
  const dataDir = options.dataDir ?? "./.data";
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) acquireDataDirLock(dataDir);
  const types = {
    parsers: { [BYTEA_OID]: parseBytea },
    serializers: { [BYTEA_OID]: serializeBytea },
    extensions: PGLITE_EXTENSIONS,
  };
  const client = inMemory
    ? new PGlite({ loadDataDir: options.loadDataDir, ...types })
    : new PGlite({ dataDir, loadDataDir: options.loadDataDir, ...types });
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    driver: "pglite",
    close: async () => {
      await client.close();
      if (!inMemory) releaseDataDirLock(dataDir);
    },
    withAdvisoryLock: (_key, fn) => fn(),
  };
}

/** The database the configuration names: DATABASE_URL, else PGlite in MAILROOM_DATA_DIR (./.data). */
export function createDbFromEnv(): DbHandle {
  const url = process.env.DATABASE_URL || undefined;
  return createDb({ url, dataDir: process.env.MAILROOM_DATA_DIR || "./.data" });
}

const globalForDb = globalThis as unknown as { mailroomDb?: DbHandle };

/** The app's database handle, created on first use (never at import or build time). */
export function getDbHandle(): DbHandle {
  globalForDb.mailroomDb ??= createDbFromEnv();
  return globalForDb.mailroomDb;
}

export const getDb = (): Db => getDbHandle().db;

/** Lets tests (and scripts) hand the app a database of their own. */
export function setAppDb(handle: DbHandle | undefined): void {
  globalForDb.mailroomDb = handle;
}

/** Closes the app's database handle if one was opened (shutdown); releases the PGlite directory. */
export async function closeAppDb(): Promise<void> {
  const handle = globalForDb.mailroomDb;
  globalForDb.mailroomDb = undefined;
  await handle?.close();
}
