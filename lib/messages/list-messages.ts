import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages, type Mailbox } from "@/db/schema";

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

export type Cursor = { receivedAt: Date; id: string };

/** Which way from a cursor: "after" = older mail, "before" = newer mail. */
export type PageRequest = { cursor: Cursor | null; direction: "after" | "before" };

export type MessagePage = {
  rows: MessageRow[];
  /** Cursor for the page of older mail, if there may be one. */
  older: string | null;
  /** Cursor for the page of newer mail, if there is one. */
  newer: string | null;
};

export const encodeCursor = (c: Cursor) => Buffer.from(`${c.receivedAt.toISOString()}|${c.id}`).toString("base64url");

export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value || value.length > 200) return null;
  const [at, id] = Buffer.from(value, "base64url").toString().split("|");
  const receivedAt = new Date(at ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(receivedAt.getTime())) return null;
  return { receivedAt, id };
}

/** The page a list URL asks for: `?after=` (older) wins over `?before=` (newer). */
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
 * The query of one page of messages matching `where`, in the direction asked. The cursor is a row
 * comparison, so it is a range of the listing index and a page deep in a folder costs what the
 * first one does (spelled `a < x or (a = x and b < y)` it is only a filter, read row by row).
 */
export function pageQuery(db: Db, where: SQL | undefined, request: PageRequest, limit: number) {
  const { cursor, direction } = request;
  const older = direction === "after";
  const at = cursor && sql`(${cursor.receivedAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
  const keyset = at
    ? older
      ? sql`(${messages.receivedAt}, ${messages.id}) < ${at}`
      : sql`(${messages.receivedAt}, ${messages.id}) > ${at}`
    : undefined;
  return db
    .select(listColumns)
    .from(messages)
    .where(and(where, keyset))
    .orderBy(...(older ? [desc(messages.receivedAt), desc(messages.id)] : [asc(messages.receivedAt), asc(messages.id)]))
    .limit(limit);
}

const inFolder = (folder: { orgId: string; id: string }) =>
  and(eq(messages.orgId, folder.orgId), eq(messages.folderId, folder.id));

/** The query of one folder page, newest first (its plan is tested: the index read in order). */
export const folderPageQuery = (db: Db, folder: { orgId: string; id: string }, cursor: Cursor | null, limit: number) =>
  pageQuery(db, inFolder(folder), { cursor, direction: "after" }, limit);

/**
 * One page of messages matching `where`, by keyset on (received_at, id): one query, and the page
 * after a cursor stays the same however much mail arrives meanwhile. Callers have checked access
 * and put the mailbox (or mailboxes) in `where`; the listing indexes lead with
 * (org_id, folder_id | account_id, received_at desc, id desc).
 */
export async function listPage(
  db: Db,
  where: SQL | undefined,
  request: PageRequest,
  limit = PAGE_SIZE,
): Promise<MessagePage> {
  const older = request.direction === "after";
  const found = await pageQuery(db, where, request, limit + 1);
  const more = found.length > limit;
  const rows = found.slice(0, limit);
  if (!older) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    older: last && (older ? more : true) ? encodeCursor(last) : null,
    newer: first && (older ? request.cursor !== null : more) ? encodeCursor(first) : null,
  };
}

/**
 * One page of a folder (its messages matching `filter`, if given). Callers check access to the
 * folder's mailbox first.
 */
export function listFolderPage(
  db: Db,
  folder: { orgId: string; id: string },
  request: PageRequest,
  limit = PAGE_SIZE,
  filter?: SQL,
): Promise<MessagePage> {
  return listPage(db, and(inFolder(folder), filter), request, limit);
}
