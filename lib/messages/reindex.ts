import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { parseListing } from "@/lib/mime/parse-listing";
import { analyzeAfterBulkWrite } from "./planner-statistics";

/**
 * Until search indexed whole bodies (lib/mime/search-text.ts), a search vector held the first
 * 20,000 characters of a body. Only a content larger than that many bytes can have been cut
 * (a character is at least one byte, and MIME encodings only add): those are the ones to redo.
 */
export const FORMER_BODY_LIMIT_BYTES = 20_000;

export type ReindexProgress = { contents: number; messages: number };

/**
 * Rebuilds the search vectors of every copy of the contents that the former 20,000-character cut
 * may have shortened, from their raw message, `batch` contents per transaction, in (org, id)
 * order: a stopped run can be started again (it redoes what it finds, nothing is lost). Listing
 * rows are written in one statement per batch. Returns what it rewrote; analyzes at the end.
 */
export async function reindexSearchVectors(
  db: Db,
  options: { batch?: number; minBytes?: number; onBatch?: (done: ReindexProgress) => void } = {},
): Promise<ReindexProgress> {
  const batch = options.batch ?? 50;
  const minBytes = options.minBytes ?? FORMER_BODY_LIMIT_BYTES;
  const done: ReindexProgress = { contents: 0, messages: 0 };
  let after: { orgId: string; id: string } | null = null;
  for (;;) {
    const cursor: { orgId: string; id: string } | null = after;
    type Content = { org_id: string; id: string; size_bytes: number };
    const list: Content[] = rowsOf<Content>(
      await db.execute(sql`
        select org_id, id, size_bytes from message_contents
        where size_bytes > ${minBytes}
          ${cursor ? sql`and (org_id, id) > (${cursor.orgId}::uuid, ${cursor.id}::uuid)` : sql``}
        order by org_id, id limit ${batch}`),
    );
    if (list.length === 0) break;
    const texts = new Map<string, string>();
    for (const chunk of byBytes(list, RAW_BYTES_AT_ONCE)) {
      const raws = rowsOf<{ id: string; raw: Buffer | Uint8Array }>(
        await db.execute(sql`
          select id, raw from message_contents
          where (org_id, id) in (${sql.join(
            chunk.map((r) => sql`(${r.org_id}::uuid, ${r.id}::uuid)`),
            sql`, `,
          )})`),
      );
      for (const r of raws) texts.set(r.id, (await parseListing(Buffer.from(r.raw))).searchText);
    }
    const values = sql.join(
      list.map((r) => sql`(${r.org_id}::uuid, ${r.id}::uuid, ${texts.get(r.id) ?? ""})`),
      sql`, `,
    );
    const updated = await db.transaction(async (tx) =>
      rowsOf(
        await tx.execute<{ id: string }>(sql`
          update messages m set search_vector = to_tsvector('simple', v.t)
          from (values ${values}) as v(org_id, content_id, t)
          where m.org_id = v.org_id and m.content_id = v.content_id
          returning m.id`),
      ),
    );
    done.contents += list.length;
    done.messages += updated.length;
    options.onBatch?.({ ...done });
    const last: Content = list.at(-1)!;
    after = { orgId: last.org_id, id: last.id };
  }
  await analyzeAfterBulkWrite(db, done.messages);
  return done;
}

/** Raw messages held in memory at once (a batch of large attachments is read in several parts). */
const RAW_BYTES_AT_ONCE = 64 * 1024 * 1024;

function* byBytes<T extends { size_bytes: number }>(list: T[], max: number): Generator<T[]> {
  let part: T[] = [];
  let bytes = 0;
  for (const item of list) {
    if (part.length > 0 && bytes + Number(item.size_bytes) > max) {
      yield part;
      part = [];
      bytes = 0;
    }
    part.push(item);
    bytes += Number(item.size_bytes);
  }
  if (part.length > 0) yield part;
}

type Rows<T> = { rows: T[] } | T[];
const rowsOf = <T>(result: unknown): T[] => {
  const r = result as Rows<T>;
  return Array.isArray(r) ? r : r.rows;
};
