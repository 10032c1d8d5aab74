import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, folders, messages } from "@/db/schema";
import { mailboxesWith } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { folderSegment } from "@/lib/mailboxes/folders";
import { encodeCursor, listColumns, type Cursor, type MessageRow } from "@/lib/messages/list-messages";
import { withReaderState } from "@/lib/messages/read-state";
import { addCounts, typedSearchCondition, withSearchPlan, type ResultCount } from "@/lib/messages/search";
import { newestOfConversation, summariesOf } from "@/lib/conversations/conversation-list";

export const SEARCH_PAGE_SIZE = 50;

export type SearchMailbox = { id: string; address: string; displayName: string; isOwn: boolean };

export type SearchHit = MessageRow & {
  mailbox: SearchMailbox;
  folder: { id: string; kind: string; name: string; segment: string };
  /** Grouped by conversation (the actor's setting): how many messages its conversation has there. */
  conversationCount?: number;
};

/**
 * The scope "all my mailboxes": the actor's own mailbox and every mailbox they hold Full Access
 * to now — in their folder tree or not (removing a mailbox from the tree hides it from view, it
 * does not take away the right to open it). One query; the own mailbox comes first.
 */
export async function listSearchableMailboxes(db: Db, actor: Actor): Promise<SearchMailbox[]> {
  const rows = await db
    .select({ id: accounts.id, address: accounts.address, displayName: accounts.displayName, kind: accounts.kind })
    .from(accounts)
    .where(mailboxesWith(db, actor, "fullAccess"))
    .orderBy(sql`lower(${accounts.displayName})`, accounts.address);
  const list = rows.map(({ kind: _kind, ...r }) => ({ ...r, isOwn: r.id === actor.id }));
  return [...list.filter((m) => m.isOwn), ...list.filter((m) => !m.isOwn)];
}

/** Newest first: received_at, then id (uuid order is the order of their lowercase text). */
const newerFirst = (a: { receivedAt: Date; id: string }, b: { receivedAt: Date; id: string }) =>
  b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** One mailbox's newest matches after the cursor: the plan is that mailbox's own (pinned by search-plan.test.ts). */
export function searchOneMailbox(
  db: Db,
  orgId: string,
  mailboxId: string,
  matches: SQL,
  cursor: Cursor | null,
  limit: number,
) {
  return db
    .select({ ...listColumns, folderKind: folders.kind, folderName: folders.name })
    .from(messages)
    .innerJoin(folders, and(eq(folders.orgId, messages.orgId), eq(folders.id, messages.folderId)))
    .where(
      and(
        eq(messages.orgId, orgId),
        eq(messages.accountId, mailboxId),
        matches,
        cursor
          ? sql`(${messages.receivedAt}, ${messages.id}) < (${cursor.receivedAt.toISOString()}::timestamptz,
            ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(messages.receivedAt), desc(messages.id))
    .limit(limit);
}

/**
 * Full-text search over every mailbox of the scope: one query per mailbox (run together), each
 * the newest `limit + 1` matches after the cursor, merged by date — the page is within those. One
 * query over `account_id in (…)` would be planned with one estimate for every mailbox, wrong for
 * a shared mailbox holding years of mail (it sorted every match: 650–730 ms on 1 M messages);
 * per mailbox, its probe (lib/messages/search.ts) counts the matches through the GIN index and
 * picks the plan: those matches sorted for a rare word, the date index for a common one. Keyset
 * paged on (received_at, id); listing fields only, never bodies.
 * Each hit is labelled with its mailbox.
 */
export async function searchAllMailboxes(
  db: Db,
  actor: Actor,
  /** `timeZone`: the calendar of `before:` and `after:` (UTC if not given). */
  input: { q: string; cursor: Cursor | null; limit?: number; timeZone?: string },
): Promise<{
  mailboxes: SearchMailbox[];
  hits: SearchHit[];
  next: string | null;
  searched: boolean;
  found: ResultCount;
}> {
  const limit = input.limit ?? SEARCH_PAGE_SIZE;
  const mailboxes = await listSearchableMailboxes(db, actor);
  // Exceptions exist only where read state is per person: the actor's own state in every mailbox.
  const reader = { orgId: actor.orgId, id: actor.id };
  const typed = typedSearchCondition(input.q, reader, input.timeZone);
  const condition = typed?.condition;
  if (!typed || !condition) {
    return { mailboxes, hits: [], next: null, searched: false, found: { count: 0, more: false } };
  }
  // By conversation, as the actor's lists: each one's newest match in its mailbox, counted so.
  const grouped = actor.conversationView === true;
  const matches = grouped ? and(condition, newestOfConversation(condition, "mailbox"))! : condition;
  const byId = new Map(mailboxes.map((m) => [m.id, m]));
  const inMailbox = (id: string) => and(eq(messages.orgId, actor.orgId), eq(messages.accountId, id), matches);
  // Each mailbox under the plan its own probe chose (its match count is the probe's too).
  const searched = await Promise.all(
    mailboxes.map((m) =>
      withSearchPlan(
        db,
        inMailbox(m.id),
        (tx) => searchOneMailbox(tx, actor.orgId, m.id, matches, input.cursor, limit + 1),
        [],
        typed.words,
      ),
    ),
  );
  const perMailbox = searched.map((s) => s.result);
  const counts = searched.map((s) => s.found);
  const rows = perMailbox
    .flat()
    .sort(newerFirst)
    .slice(0, limit + 1);
  const page = await withReaderState(db, reader, rows.slice(0, limit));
  const last = page.at(-1);
  const sizes = grouped ? await conversationSizes(db, actor.orgId, page) : null;
  return {
    mailboxes,
    searched: true,
    found: addCounts(counts),
    next: rows.length > limit && last ? encodeCursor(last) : null,
    hits: page.map(({ folderKind, folderName, ...row }) => ({
      ...row,
      ...(sizes ? { conversationCount: sizes.get(`${row.accountId}:${row.threadId}`) ?? 1 } : {}),
      mailbox: byId.get(row.accountId)!,
      folder: {
        id: row.folderId,
        kind: folderKind,
        name: folderName,
        segment: folderSegment({ id: row.folderId, kind: folderKind }),
      },
    })),
  };
}

/** Each hit's conversation size in its mailbox ("account:thread"): one grouped query per mailbox of the page. */
async function conversationSizes(db: Db, orgId: string, hits: MessageRow[]): Promise<Map<string, number>> {
  const byMailbox = new Map<string, MessageRow[]>();
  for (const hit of hits) byMailbox.set(hit.accountId, [...(byMailbox.get(hit.accountId) ?? []), hit]);
  const found = await Promise.all(
    [...byMailbox].map(async ([accountId, rows]) => {
      const summaries = await summariesOf(
        db,
        { orgId, accountId },
        rows.map((r) => r.threadId),
      );
      return Object.entries(summaries).map(([thread, s]) => [`${accountId}:${thread}`, s.count] as const);
    }),
  );
  return new Map(found.flat());
}
