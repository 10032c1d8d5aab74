import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messageContents, messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { flagsOf, type FlagState } from "./flags";
import { chunks, flagColumns, inFolder, open, uidIn, type UidFlags } from "./messages";
import { decodeSummary } from "./summary";

/**
 * FETCH, streamed: the requested UIDs in batches (ascending UID, one query each), so that a FETCH
 * of a whole 100,000-message folder holds one batch in memory and the caller writes each batch to
 * the client (waiting for the socket) before the next is read. ENVELOPE and BODYSTRUCTURE come
 * from the values stored with the content (lib/imap-store/summary.ts): a first sync reads no
 * message. Only mail stored before they were kept (not yet back-filled) is read: its header for
 * ENVELOPE, all of it for BODYSTRUCTURE.
 */
export type FetchedMessage = UidFlags & {
  idate: Date;
  size: number;
  raw?: Buffer;
  envelope?: unknown[];
  bodystructure?: unknown[];
};

/** What a FETCH needs beyond the listing row: the stored summaries, and the raw message or not. */
export type FetchNeed = { envelope: boolean; bodystructure: boolean; raw: boolean };

/** Rows per batch: listing rows and summaries are small; whole messages are read a few at a time. */
const SMALL_BATCH = 1000;
const RAW_BATCH = 20;

/** The header of a stored message (through the blank line), cut in the database. */
const rawHeader = sql<Uint8Array>`substring(${messageContents.raw} from 1 for coalesce(
  nullif(position('\\x0d0a0d0a'::bytea in ${messageContents.raw}), 0) + 3, length(${messageContents.raw})))`;

const joinContent = and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId));

export async function* fetchMessageBatches(
  db: Db,
  actor: Actor,
  path: string,
  uids: number[],
  need: FetchNeed,
): AsyncGenerator<FetchedMessage[]> {
  const opened = await open(db, actor, path);
  const base = { ...flagColumns(opened, actor), idate: messages.receivedAt, size: messages.sizeBytes };
  const sorted = [...uids].sort((a, b) => a - b);
  const summaries = need.envelope || need.bodystructure;
  const size = need.raw ? RAW_BATCH : need.bodystructure ? 100 : SMALL_BATCH;
  const readBatch = async (part: number[]): Promise<FetchedMessage[]> => {
    const where = and(inFolder(opened), uidIn(part));
    const columns = {
      ...base,
      envelope: need.envelope ? messageContents.imapEnvelope : sql<null>`null`,
      bodystructure: need.bodystructure ? messageContents.imapBodystructure : sql<null>`null`,
      raw: need.raw ? messageContents.raw : sql<null>`null`,
    };
    const rows =
      summaries || need.raw
        ? await db
            .select(columns)
            .from(messages)
            .innerJoin(messageContents, joinContent)
            .where(where)
            .orderBy(asc(messages.uid))
        : await db.select(base).from(messages).where(where).orderBy(asc(messages.uid));
    const batch: FetchedMessage[] = rows.map((r) => {
      const row = r as typeof r & { envelope?: unknown; bodystructure?: unknown; raw?: Uint8Array | null };
      return {
        uid: r.uid,
        flags: flagsOf(r as FlagState),
        idate: r.idate,
        size: r.size,
        raw: row.raw ? Buffer.from(row.raw) : undefined,
        envelope: decodeSummary(row.envelope),
        bodystructure: decodeSummary(row.bodystructure),
      };
    });
    if (!need.raw) await fillMissing(db, batch, need, where);
    return batch;
  };
  // While the caller writes one batch of listing rows, the next is read (two in memory at most);
  // whole messages are read one batch at a time, after the previous one was written.
  const parts = chunks(sorted, size);
  const start = (i: number) => {
    if (i >= parts.length) return null;
    const reading = readBatch(parts[i]!);
    reading.catch(() => {}); // awaited below; a caller that stops early leaves no unhandled rejection
    return reading;
  };
  let ahead = need.raw ? null : start(1);
  let current = start(0);
  for (let i = 0; current; i++) {
    yield await current;
    current = need.raw ? start(i + 1) : ahead;
    ahead = need.raw ? null : start(i + 2);
  }
}

/** Mail without stored summaries: its header (ENVELOPE only) or whole message, for this batch only. */
async function fillMissing(db: Db, batch: FetchedMessage[], need: FetchNeed, folder: SQL | undefined) {
  const missing = batch.filter((m) => (need.envelope && !m.envelope) || (need.bodystructure && !m.bodystructure));
  if (missing.length === 0) return;
  const whole = missing.some((m) => need.bodystructure && !m.bodystructure);
  const byUid = new Map(missing.map((m) => [m.uid, m]));
  for (const part of chunks(missing, whole ? RAW_BATCH : SMALL_BATCH)) {
    const rows = await db
      .select({ uid: messages.uid, raw: whole ? messageContents.raw : rawHeader })
      .from(messages)
      .innerJoin(messageContents, joinContent)
      .where(and(folder, uidIn(part.map((m) => m.uid))));
    for (const r of rows) byUid.get(r.uid)!.raw = Buffer.from(r.raw as Uint8Array);
  }
}
