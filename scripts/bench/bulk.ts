import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { DbHandle } from "@/db/client";
import { PGLITE_EXTENSIONS } from "@/db/pglite-extensions";
import * as schema from "@/db/schema";

/**
 * What the bulk seeder needs of a database: raw SQL on dedicated sessions (so session settings
 * stick), and COPY … FROM STDIN in text format. PostgreSQL gets real parallel sessions and
 * streaming COPY; PGlite has one session and takes COPY from a blob, batch by batch.
 */
export type Row = Record<string, unknown>;

export type CopyTarget = { write(chunk: string | Buffer): Promise<void>; end(): Promise<void> };

export type Session = {
  query(text: string): Promise<Row[]>;
  /**
   * Opens `copy <table> (<columns>) from stdin`, in text format or in binary (the target writes
   * the binary header and trailer itself); every chunk written holds whole rows.
   */
  copy(table: string, columns: string[], format?: "text" | "binary"): Promise<CopyTarget>;
  release(): Promise<void>;
};

export type Bulk = {
  driver: "postgres" | "pglite";
  /** The drizzle handle (migrations, the small inserts). */
  handle: DbHandle;
  /** Sessions that may work at the same time (2 on PostgreSQL: the machine has 2 cores; 1 on PGlite). */
  sessions(): Promise<Session[]>;
  close(): Promise<void>;
};

async function writeTo(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      stream.off("drain", onDrain);
      reject(error);
    };
    const onDrain = () => {
      stream.off("error", onError);
      resolve();
    };
    stream.once("drain", onDrain);
    stream.once("error", onError);
  });
}

export function postgresBulk(url: string, parallel = 2): Bulk {
  const sql = postgres(url, { max: parallel + 1, onnotice: () => {} });
  return {
    driver: "postgres",
    handle: {
      db: drizzlePostgres(sql, { schema }) as never,
      driver: "postgres",
      close: async () => {},
      withAdvisoryLock: (_key, fn) => fn(),
    },
    async sessions() {
      return Promise.all(
        Array.from({ length: parallel }, async (): Promise<Session> => {
          const reserved = await sql.reserve();
          return {
            query: (text) => reserved.unsafe(text) as unknown as Promise<Row[]>,
            async copy(table, columns, format = "text") {
              const statement = `copy ${table} (${columns.join(", ")}) from stdin with (format ${format})`;
              const stream = await reserved.unsafe(statement).writable();
              if (format === "binary") await writeTo(stream, BINARY_HEADER);
              return {
                write: (chunk) => writeTo(stream, chunk),
                async end() {
                  if (format === "binary") await writeTo(stream, BINARY_TRAILER);
                  stream.end();
                  await finished(stream);
                },
              };
            },
            async release() {
              await reserved.unsafe("reset all");
              reserved.release();
            },
          };
        }),
      );
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

export async function pgliteBulk(dataDir: string): Promise<Bulk> {
  const pg = new PGlite(dataDir, { extensions: PGLITE_EXTENSIONS });
  await pg.waitReady;
  const session: Session = {
    query: async (text) => {
      const results = await pg.exec(text);
      return (results.at(-1)?.rows ?? []) as Row[];
    },
    async copy(table, columns, format = "text") {
      const statement = `copy ${table} (${columns.join(", ")}) from '/dev/blob' with (format ${format})`;
      return {
        write: async (chunk) => {
          const body = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
          const data = format === "binary" ? Buffer.concat([BINARY_HEADER, body, BINARY_TRAILER]) : body;
          await pg.query(statement, [], { blob: new Blob([new Uint8Array(data)]) });
        },
        end: async () => {},
      };
    },
    release: async () => {},
  };
  return {
    driver: "pglite",
    handle: {
      db: drizzlePglite(pg, { schema }) as never,
      driver: "pglite",
      close: async () => {},
      withAdvisoryLock: (_key, fn) => fn(),
    },
    sessions: async () => [session],
    close: () => pg.close(),
  };
}

/** A value for COPY's text format. */
export function copyText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value !== "string") return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value;
}

/**
 * COPY's binary format, for the raw message contents: three times faster than hex in the text
 * format. A tuple is a field count, then each field as its length and bytes.
 */
export const BINARY_HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
export const BINARY_TRAILER = Buffer.from([0xff, 0xff]);

export const binaryUuid = (uuid: string) => Buffer.from(uuid.replace(/-/g, ""), "hex");

export function binaryInt4(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

export function binaryTuple(fields: Buffer[]): Buffer {
  const count = Buffer.alloc(2);
  count.writeInt16BE(fields.length);
  return Buffer.concat([count, ...fields.flatMap((f) => [binaryInt4(f.length), f])]);
}
