import "server-only";
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { requireMailboxRight, type MailboxRef } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { isEmptyQuery, parseSearchQuery } from "@/lib/search/parse-query";
import { isUuid } from "./ids";
import { listPage, PAGE_SIZE, type MessagePage, type PageRequest } from "./list-messages";
import { readerIn, seenBy, withReaderState, type Reader } from "./read-state";
import { newestOfConversation } from "@/lib/conversations/conversation-list";

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

/** The search condition on messages.search_vector (GIN index messages_search), or null for an empty query. */
export function searchCondition(input: string): SQL | null {
  const query = buildPrefixQuery(input);
  return query ? sql`${messages.searchVector} @@ to_tsquery('simple', ${query})` : null;
}

/** `value` anywhere in a text column, case-insensitive (LIKE's wildcards in it are plain text). */
const contains = (column: SQL | typeof messages.subject, value: string) =>
  sql`${column} ilike ${`%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;

/**
 * The condition of a typed search (lib/search/parse-query.ts): its words through the full-text
 * index, and each operator on its column — from: the sender's address or name (and the Sender's),
 * to: an address or name in To or Cc, subject:, has:attachment, is:, before: and after: on the
 * date received. `words` says whether the full-text index takes part (else the search is read by
 * date, its operators testing each message). Null when the query asks for nothing.
 */
export function typedSearchCondition(
  input: string,
  reader: Reader | null = null,
  timeZone = "UTC",
): { condition: SQL; words: boolean } | null {
  const q = parseSearchQuery(input.slice(0, MAX_QUERY_CHARS), timeZone);
  if (isEmptyQuery(q)) return null;
  const words = searchCondition(q.words);
  const parts: (SQL | undefined)[] = [
    words ?? undefined,
    ...q.from.map((v) =>
      or(
        contains(sql`${messages.fromAddress}`, v),
        contains(sql`${messages.fromName}`, v),
        contains(sql`coalesce(${messages.senderAddress}, '')`, v),
        contains(sql`coalesce(${messages.senderName}, '')`, v),
      )!,
    ),
    ...q.to.map(
      (v) =>
        sql`exists (select 1 from jsonb_array_elements(${messages.toList} || ${messages.ccList}) as r(m)
          where ${contains(sql`(r.m->>'address')`, v)} or ${contains(sql`coalesce(r.m->>'name', '')`, v)})`,
    ),
    ...q.subject.map((v) => contains(messages.subject, v)),
    q.hasAttachment ? eq(messages.hasAttachments, true) : undefined,
    q.seen === null ? undefined : q.seen ? seenBy(reader) : sql`not ${seenBy(reader)}`,
    q.flagged ? eq(messages.flagged, true) : undefined,
    q.after ? gte(messages.receivedAt, q.after) : undefined,
    q.before ? lt(messages.receivedAt, q.before) : undefined,
  ];
  // Words that were all punctuation, and nothing else: no condition, nothing to search.
  const condition = and(...parts);
  return condition ? { condition, words: words !== null } : null;
}

export type SearchScope = {
  orgId: string;
  /** Mailboxes the caller has ALREADY access-checked (Full Access) for this actor. */
  mailboxIds: string[];
  /** Restrict to one folder of those mailboxes. */
  folderId?: string;
  /** Whose read state the results show, where it is per person (lib/messages/read-state.ts). */
  reader?: Reader | null;
  /** The calendar `before:` and `after:` dates are days of (IANA; UTC if not given). */
  timeZone?: string;
};

/** Results are counted exactly up to this many; past it the page says "more than". */
export const COUNT_LIMIT = 250;

/** How many messages a search found: `count` exact when `more` is false, else "more than COUNT_LIMIT". */
export type ResultCount = { count: number; more: boolean };

/**
 * A search scope with fewer matches than this is read through the full-text index (its matches,
 * sorted: at most this many rows); with more, a page of them lies within the newest
 * PAGE × (scope size) / PROBE_LIMIT messages, and the date index is read in order until the page
 * is full. Reading the scope's first PROBE_LIMIT matches costs about what that walk does.
 */
export const PROBE_LIMIT = 2000;

/**
 * The two ways to a search's rows. "words": the GIN index (messages_search: mailbox, folder and
 * words in one index) gives the scope's matches, which are sorted. "date": the scope's listing index
 * is read newest first, each message's vector tested, until the page is full.
 */
export type SearchPlan = "words" | "date";

/**
 * Limits the planner of the current transaction to one plan's way to the rows (SET LOCAL: it ends
 * with the transaction). PostgreSQL estimates a word's matches in a mailbox as its share of the
 * whole table times the mailbox's size: a word common in other mailboxes but rare in this one
 * would be read by date through the whole mailbox. The probe below counts instead of estimating
 * when the word is rare enough in the whole table for counting to be cheap.
 */
export async function usePlan(tx: Db, plan: SearchPlan): Promise<void> {
  await tx.execute(
    plan === "words"
      ? sql`select set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true),
          set_config('enable_bitmapscan', 'on', true)`
      : sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true),
          set_config('enable_indexscan', 'on', true)`,
  );
}

/** The probe's query: the scope's matches through the full-text index, up to PROBE_LIMIT. */
export function probeQuery(db: Db, where: SQL | undefined) {
  const some = db
    .select({ one: sql`1`.as("one") })
    .from(messages)
    .where(where)
    .limit(PROBE_LIMIT)
    .as("some");
  return db.select({ n: sql<number>`count(*)::int` }).from(some);
}

/**
 * The planner's estimate of the scope's matches (EXPLAIN, no execution): the word's share of the
 * whole table times the scope's size. Below PROBE_LIMIT, the word's GIN entries are few enough
 * everywhere that counting them is cheap; above it, counting them would build a bitmap of every
 * mailbox's matches (a common word: 150–300 ms at 1 M messages on a loaded machine).
 */
async function estimatedMatches(tx: Db, where: SQL | undefined): Promise<number> {
  const result = await tx.execute(sql`explain (format json) ${probeQuery(tx, where).getSQL()}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const cell = Object.values(rows[0] ?? {})[0];
  const plan = (typeof cell === "string" ? JSON.parse(cell) : cell) as {
    Plan: { Plans?: { "Plan Rows": number }[] };
  }[];
  // Aggregate ← Limit ← the scan: the Limit's rows are min(estimate, PROBE_LIMIT).
  return Number(plan[0]?.Plan.Plans?.[0]?.["Plan Rows"] ?? PROBE_LIMIT);
}

/**
 * Chooses a search's plan and sets it for the rest of the transaction; returns the result count
 * (exact up to COUNT_LIMIT, "more than" past it). A word the planner expects rarely is counted
 * through the GIN index (up to PROBE_LIMIT): fewer matches than that, "words", else "date". A word
 * it expects often (common in the whole table) is read by date, and counted in date order up to
 * COUNT_LIMIT + 1 — a cost that stops with the count, whatever the mailbox's size.
 */
export async function chooseSearchPlan(
  tx: Db,
  where: SQL | undefined,
): Promise<{ plan: SearchPlan; found: ResultCount }> {
  await usePlan(tx, "words");
  if ((await estimatedMatches(tx, where)) >= PROBE_LIMIT) {
    await usePlan(tx, "date");
    const [row] = await countQuery(tx, where);
    const n = Number(row?.n ?? 0);
    return { plan: "date", found: { count: Math.min(n, COUNT_LIMIT), more: n > COUNT_LIMIT } };
  }
  const [row] = await probeQuery(tx, where);
  const n = Number(row?.n ?? 0);
  const plan = n < PROBE_LIMIT ? "words" : "date";
  if (plan === "date") await usePlan(tx, "date");
  return { plan, found: { count: Math.min(n, COUNT_LIMIT), more: n > COUNT_LIMIT } };
}

/** A search with operators only (no words): read by date, counted in date order. */
async function byDate(tx: Db, where: SQL | undefined): Promise<{ plan: SearchPlan; found: ResultCount }> {
  await usePlan(tx, "date");
  const [row] = await countQuery(tx, where);
  const n = Number(row?.n ?? 0);
  return { plan: "date", found: { count: Math.min(n, COUNT_LIMIT), more: n > COUNT_LIMIT } };
}

/** The capped count in date order: stops after COUNT_LIMIT + 1 matches, newest first. */
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

/**
 * Runs a search's page query under the plan its probe chose, in one read-only transaction: the
 * page (empty without a query when the probe found nothing) and the result count.
 */
export async function withSearchPlan<T>(
  db: Db,
  where: SQL | undefined,
  page: (tx: Db) => Promise<T>,
  empty: T,
  words = true,
): Promise<{ result: T; found: ResultCount }> {
  return db.transaction(
    async (tx) => {
      const { found } = words ? await chooseSearchPlan(tx, where) : await byDate(tx, where);
      return { result: found.count === 0 ? empty : await page(tx), found };
    },
    { accessMode: "read only" },
  );
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
 * Searches subject, from, to, cc and body text (and the operators of lib/search/parse-query.ts)
 * across the given mailboxes (or one folder), newest first — by `conversations`, each conversation's
 * newest match alone — paged by keyset like a folder listing: the probe (its count) and one page query,
 * in one transaction under the plan the probe chose; listing columns only.
 * No access check here: the "all my mailboxes" search passes the mailboxes it checked itself,
 * and `searchMailbox` below checks one mailbox.
 */
export async function searchMessages(
  db: Db,
  scope: SearchScope,
  input: string,
  request: PageRequest,
  limit = PAGE_SIZE,
  filter?: SQL,
  conversations = false,
): Promise<MessagePage & { found: ResultCount }> {
  const reader = scope.reader ?? null;
  const typed = typedSearchCondition(input, reader, scope.timeZone);
  const none = { count: 0, more: false };
  if (!typed || scope.mailboxIds.length === 0) return { rows: [], older: null, newer: null, found: none };
  // By conversation: each one's newest match in the folder (or the mailbox), counted so too.
  const where = and(
    searchWhere(scope, typed.condition),
    filter,
    conversations
      ? newestOfConversation(and(typed.condition, filter), scope.folderId ? "folder" : "mailbox")
      : undefined,
  );
  const empty: MessagePage = { rows: [], older: null, newer: null };
  const page = (tx: Db) => listPage(tx, where, request, limit);
  const { result, found } = await withSearchPlan(db, where, page, empty, typed.words);
  return { ...result, rows: await withReaderState(db, reader, result.rows), found };
}

/** Search in one mailbox the actor may open (Full Access), or in one of its folders. */
export async function searchMailbox(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  input: { query: string; folderId?: string; filter?: SQL; conversations?: boolean; timeZone?: string },
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
  const scope = {
    orgId: access.mailbox.orgId,
    mailboxIds: [access.mailbox.id],
    folderId: input.folderId,
    reader: readerIn(access, actor.id),
    timeZone: input.timeZone,
  };
  return searchMessages(db, scope, input.query, request, limit, input.filter, input.conversations);
}
