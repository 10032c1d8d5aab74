import "server-only";
import { and, asc, desc, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, type Mailbox } from "@/db/schema";
import { ACCENTED, UNACCENTED, type ListSort } from "./list-sort-names";

export const PAGE_SIZE = 50;

export type MessageRow = {
  id: string;
  accountId: string;
  folderId: string;
  fromAddress: string;
  fromName: string;
  senderAddress: string | null;
  senderName: string | null;
  toList: Mailbox[];
  subject: string;
  snippet: string;
  receivedAt: Date;
  sizeBytes: number;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  isDraft: boolean;
  hasAttachments: boolean;
  /** Its conversation (in its mailbox). */
  threadId: string;
};

/**
 * Where a page starts: the last row's date and id and, in a list sorted by sender or size, its sort
 * key (text or number).
 */
export type Cursor = { receivedAt: Date; id: string; key?: string };

/** Which way from a cursor: "after" = further down the list, "before" = back up. */
export type PageRequest = { cursor: Cursor | null; direction: "after" | "before" };

export type MessagePage = {
  rows: MessageRow[];
  /** Cursor for the page further down the list (older mail, by date), if there may be one. */
  older: string | null;
  /** Cursor for the page before, if there is one. */
  newer: string | null;
};

/** Longest cursor accepted (a sender's sort key is in it). */
const MAX_CURSOR_CHARS = 1200;

export const encodeCursor = (c: Cursor) =>
  Buffer.from([c.receivedAt.toISOString(), c.id, ...(c.key === undefined ? [] : [c.key])].join("|")).toString(
    "base64url",
  );

export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value || value.length > MAX_CURSOR_CHARS) return null;
  const text = Buffer.from(value, "base64url").toString();
  const [at, id] = text.split("|", 2);
  const receivedAt = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(receivedAt.getTime())) return null;
  const rest = text.slice((at ?? "").length + id.length + 2);
  return text.length > (at ?? "").length + id.length + 1 ? { receivedAt, id, key: rest } : { receivedAt, id };
}

/** A list URL's page: `?after=` (further down) wins over `?before=` (back up). */
export function pageRequest(params: { after?: string; before?: string }): PageRequest {
  const after = decodeCursor(params.after);
  if (after) return { cursor: after, direction: "after" };
  const before = decodeCursor(params.before);
  return before ? { cursor: before, direction: "before" } : { cursor: null, direction: "after" };
}

/** Listing columns only: never the raw message, never the search vector. */
export const listColumns = {
  id: messages.id,
  accountId: messages.accountId,
  folderId: messages.folderId,
  fromAddress: messages.fromAddress,
  fromName: messages.fromName,
  senderAddress: messages.senderAddress,
  senderName: messages.senderName,
  toList: messages.toList,
  subject: messages.subject,
  snippet: messages.snippet,
  receivedAt: messages.receivedAt,
  sizeBytes: messages.sizeBytes,
  seen: messages.seen,
  flagged: messages.flagged,
  answered: messages.answered,
  isDraft: messages.isDraft,
  hasAttachments: messages.hasAttachments,
  threadId: messages.threadId,
};

/**
 * A sender's sort key: the name shown in the list (else the address), lower-cased and unaccented —
 * the expression of the index messages_folder_from, spelled the same so that the planner reads it
 * in order.
 */
const shownSender = sql`lower(coalesce(nullif(${messages.fromName}, ''), ${messages.fromAddress}))`;
const [accented, unaccented] = [ACCENTED, UNACCENTED].map((letters) => sql.raw(`'${letters}'`));
export const senderKey = sql<string>`translate(${shownSender}, ${accented}, ${unaccented})`;

const at = (cursor: Cursor) => sql`(${cursor.receivedAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
const dateAndId = sql`(${messages.receivedAt}, ${messages.id})`;

/**
 * The keyset condition and order of a page: by date, newest first (received_at, id); by size,
 * largest first (size_bytes, received_at, id); by sender, A to Z and newest first within a sender
 * (key ascending, then received_at and id descending: the key bounds the index range, the row
 * comparison filters the cursor's own sender). "before" reads the other way (reversed after).
 */
function keysetOf(sort: ListSort | null, request: PageRequest): { keyset?: SQL; order: SQL[] } {
  const { cursor, direction } = request;
  const down = direction === "after";
  const dir = (column: SQL | AnyColumn, descending: boolean) => (descending ? desc(column) : asc(column));
  if (sort === "size") {
    const order = [dir(messages.sizeBytes, down), dir(messages.receivedAt, down), dir(messages.id, down)];
    const size = Number(cursor?.key);
    if (!cursor || !Number.isSafeInteger(size)) return { order };
    const row = sql`(${messages.sizeBytes}, ${messages.receivedAt}, ${messages.id})`;
    const from = sql`(${size}::int, ${cursor.receivedAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
    return { keyset: down ? sql`${row} < ${from}` : sql`${row} > ${from}`, order };
  }
  if (sort === "from") {
    const order = [dir(senderKey, !down), dir(messages.receivedAt, down), dir(messages.id, down)];
    if (!cursor || cursor.key === undefined) return { order };
    const key = cursor.key;
    const keyset = down
      ? sql`${senderKey} >= ${key} and (${senderKey} > ${key} or ${dateAndId} < ${at(cursor)})`
      : sql`${senderKey} <= ${key} and (${senderKey} < ${key} or ${dateAndId} > ${at(cursor)})`;
    return { keyset, order };
  }
  const order = [dir(messages.receivedAt, down), dir(messages.id, down)];
  if (!cursor) return { order };
  return { keyset: down ? sql`${dateAndId} < ${at(cursor)}` : sql`${dateAndId} > ${at(cursor)}`, order };
}

/**
 * The query of one page of messages matching `where`, in the direction asked, in the list's order
 * (by date without `sort`). The cursor is a row comparison, so it is a range of the listing index and
 * a page deep in a folder costs what the first one does (spelled `a < x or (a = x and b < y)` it is
 * only a filter, read row by row).
 */
export function pageQuery(db: Db, where: SQL | undefined, request: PageRequest, limit: number, sort?: ListSort | null) {
  const { keyset, order } = keysetOf(sort ?? null, request);
  return db
    .select({ ...listColumns, sortKey: sortKeyColumn(sort ?? null) })
    .from(messages)
    .where(and(where, keyset))
    .orderBy(...order)
    .limit(limit);
}

/** The sort key a row's cursor carries, as text (none by date). */
const sortKeyColumn = (sort: ListSort | null) =>
  sort === "size"
    ? sql<string | null>`${messages.sizeBytes}::text`
    : sort === "from"
      ? sql<string | null>`${senderKey}`
      : sql<string | null>`null`;

const inFolder = (folder: { orgId: string; id: string }) =>
  and(eq(messages.orgId, folder.orgId), eq(messages.folderId, folder.id));

/** The query of one folder page, newest first (its plan is tested: the index read in order). */
export const folderPageQuery = (db: Db, folder: { orgId: string; id: string }, cursor: Cursor | null, limit: number) =>
  pageQuery(db, inFolder(folder), { cursor, direction: "after" }, limit);

const cursorOf = (row: MessageRow & { sortKey: string | null }): Cursor =>
  row.sortKey === null
    ? { receivedAt: row.receivedAt, id: row.id }
    : { receivedAt: row.receivedAt, id: row.id, key: row.sortKey };

/**
 * One page of messages matching `where`, by keyset on the list's order: one query, and the page
 * after a cursor stays the same however much mail arrives meanwhile. Callers have checked access
 * and put the mailbox (or mailboxes) in `where`; the listing indexes lead with
 * (org_id, folder_id | account_id, received_at desc, id desc), the sorted ones (by a folder only) with
 * (org_id, folder_id, sender key | size_bytes desc, …).
 */
export async function listPage(
  db: Db,
  where: SQL | undefined,
  request: PageRequest,
  limit = PAGE_SIZE,
  sort?: ListSort | null,
): Promise<MessagePage> {
  const down = request.direction === "after";
  const found = await pageQuery(db, where, request, limit + 1, sort);
  const more = found.length > limit;
  const page = found.slice(0, limit);
  if (!down) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page.map(({ sortKey: _key, ...row }) => row),
    older: last && (down ? more : true) ? encodeCursor(cursorOf(last)) : null,
    newer: first && (down ? request.cursor !== null : more) ? encodeCursor(cursorOf(first)) : null,
  };
}

/**
 * One page of a folder (its messages matching `filter`, if given), in the list's order. Callers
 * check access to the folder's mailbox first.
 */
export function listFolderPage(
  db: Db,
  folder: { orgId: string; id: string },
  request: PageRequest,
  limit = PAGE_SIZE,
  filter?: SQL,
  sort?: ListSort | null,
): Promise<MessagePage> {
  return listPage(db, and(inFolder(folder), filter), request, limit, sort);
}
