import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { requireMailboxRight, type MailboxRef } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { isUuid } from "./ids";
import { listPage, PAGE_SIZE, type MessagePage, type PageRequest } from "./list-messages";

/** Search terms kept from one query: enough for any real search, bounded for the database. */
export const MAX_TERMS = 8;
export const MAX_TERM_CHARS = 64;
export const MAX_QUERY_CHARS = 200;

/**
 * Builds a `to_tsquery('simple', …)` string from what a person typed: each whitespace-separated
 * word becomes a quoted prefix term ('word':*), all of them required. Quoting makes every
 * operator character (& | ! ( ) : < >) plain text to the parser, and quotes and backslashes are
 * doubled, so no input can be a syntax error or change the query's shape. Words with no letter
 * or digit are dropped; null when nothing is left to search for.
 */
export function buildPrefixQuery(input: string): string | null {
  const terms = input
    .slice(0, MAX_QUERY_CHARS)
    .normalize("NFC")
    .toLowerCase()
    .split(/\s+/u)
    .map((w) => w.replace(/[\u0000-\u001f\u007f]/gu, "").slice(0, MAX_TERM_CHARS))
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms.map((w) => `'${w.replace(/\\/g, "\\\\").replace(/'/g, "''")}':*`).join(" & ");
}

/** The search condition on messages.search_vector (GIN index), or null for an empty query. */
export function searchCondition(input: string): SQL | null {
  const query = buildPrefixQuery(input);
  return query ? sql`${messages.searchVector} @@ to_tsquery('simple', ${query})` : null;
}

export type SearchScope = {
  orgId: string;
  /** Mailboxes the caller has ALREADY access-checked (Full Access) for this actor. */
  mailboxIds: string[];
  /** Restrict to one folder of those mailboxes. */
  folderId?: string;
};

/** Results are counted exactly up to this many; past it the page says "more than". */
export const COUNT_LIMIT = 250;

/** How many messages a search found: `count` exact when `more` is false, else "more than COUNT_LIMIT". */
export type ResultCount = { count: number; more: boolean };

/**
 * Counts the matches of one search condition, stopping at COUNT_LIMIT + 1 rows. The rows are
 * taken newest first, as a page is, so the planner has the page's two ways: a rare word counted
 * from the GIN index's few entries, a common one by reading the mailbox's date index until
 * COUNT_LIMIT + 1 match — a cost that does not grow with the mailbox (a plain capped count would
 * build the common word's whole bitmap from the GIN index: 35 ms at 100 k, ten times that at 1 M).
 */
export async function countMatches(db: Db, where: SQL | undefined): Promise<ResultCount> {
  const [row] = await countQuery(db, where);
  const n = Number(row?.n ?? 0);
  return { count: Math.min(n, COUNT_LIMIT), more: n > COUNT_LIMIT };
}

/** The capped count's query (its plan is pinned by tests/integration/search-plan.test.ts). */
export function countQuery(db: Db, where: SQL | undefined) {
  const capped = db
    .select({ one: sql`1`.as("one") })
    .from(messages)
    .where(where)
    .orderBy(desc(messages.receivedAt), desc(messages.id))
    .limit(COUNT_LIMIT + 1)
    .as("capped");
  return db.select({ n: sql<number>`count(*)::int` }).from(capped);
}

/** The sum of several capped counts, itself capped. */
export function addCounts(counts: ResultCount[]): ResultCount {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const more = counts.some((c) => c.more) || total > COUNT_LIMIT;
  return { count: Math.min(total, COUNT_LIMIT), more };
}

/** The rows a search reads: its scope's mailboxes (or folder) and the words' condition. */
export function searchWhere(scope: SearchScope, condition: SQL): SQL | undefined {
  return and(
    eq(messages.orgId, scope.orgId),
    scope.mailboxIds.length === 1
      ? eq(messages.accountId, scope.mailboxIds[0]!)
      : inArray(messages.accountId, scope.mailboxIds),
    scope.folderId ? eq(messages.folderId, scope.folderId) : undefined,
    condition,
  );
}

/**
 * Searches subject, from, to, cc and body text across the given mailboxes (or one folder),
 * newest first, paged by keyset like a folder listing: one query per page, listing columns only.
 * No access check here: the "all my mailboxes" search passes the mailboxes it checked itself,
 * and `searchMailbox` below checks one mailbox.
 */
export async function searchMessages(
  db: Db,
  scope: SearchScope,
  input: string,
  request: PageRequest,
  limit = PAGE_SIZE,
): Promise<MessagePage & { found: ResultCount }> {
  const condition = searchCondition(input);
  const none = { count: 0, more: false };
  if (!condition || scope.mailboxIds.length === 0) return { rows: [], older: null, newer: null, found: none };
  const where = searchWhere(scope, condition);
  const page = await listPage(db, where, request, limit);
  // A first page with nothing older holds every match: its length is the count.
  const whole = !request.cursor && !page.older;
  const found = whole ? { count: page.rows.length, more: false } : await countMatches(db, where);
  return { ...page, found };
}

/** Search in one mailbox the actor may open (Full Access), or in one of its folders. */
export async function searchMailbox(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  input: { query: string; folderId?: string },
  request: PageRequest,
  limit = PAGE_SIZE,
): Promise<MessagePage & { found: ResultCount }> {
  const access = await requireMailboxRight(db, actor, ref, "fullAccess");
  if (input.folderId !== undefined) {
    if (!isUuid(input.folderId)) throw new DomainError("notFound");
    const folder = await db.query.folders.findFirst({
      columns: { id: true },
      where: (f, { and, eq }) =>
        and(eq(f.orgId, access.mailbox.orgId), eq(f.accountId, access.mailbox.id), eq(f.id, input.folderId!)),
    });
    if (!folder) throw new DomainError("notFound");
  }
  const scope = { orgId: access.mailbox.orgId, mailboxIds: [access.mailbox.id], folderId: input.folderId };
  return searchMessages(db, scope, input.query, request, limit);
}
