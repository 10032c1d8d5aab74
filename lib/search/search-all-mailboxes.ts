import "server-only";
import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, delegations, folders, messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { folderSegment } from "@/lib/mailboxes/folders";
import { listColumns, type MessageRow } from "@/lib/messages/list-messages";
import { searchCondition } from "@/lib/messages/search";

export const SEARCH_PAGE_SIZE = 50;

export type SearchMailbox = { id: string; address: string; displayName: string; isOwn: boolean };

export type SearchHit = MessageRow & {
  mailbox: SearchMailbox;
  folder: { id: string; kind: string; name: string; segment: string };
};

type SearchCursor = { at: string; id: string };

const encode = (c: SearchCursor) => Buffer.from(`${c.at}|${c.id}`).toString("base64url");

export function decodeSearchCursor(value: string | null | undefined): SearchCursor | null {
  if (!value) return null;
  const [at, id] = Buffer.from(value, "base64url").toString().split("|");
  if (!at || !id || !/^[0-9a-f-]{36}$/.test(id) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at)) return null;
  return { at, id };
}

/**
 * The scope "all my mailboxes": the actor's own mailbox and every mailbox they hold Full Access
 * to now — in their folder tree or not (removing a mailbox from the tree hides it from view, it
 * does not take away the right to open it). One query; the own mailbox comes first.
 */
export async function listSearchableMailboxes(db: Db, actor: Actor): Promise<SearchMailbox[]> {
  const granted = db
    .select({ id: delegations.mailboxId })
    .from(delegations)
    .where(and(eq(delegations.delegateId, actor.id), eq(delegations.orgId, actor.orgId), eq(delegations.fullAccess, true)));
  const rows = await db
    .select({ id: accounts.id, address: accounts.address, displayName: accounts.displayName, kind: accounts.kind })
    .from(accounts)
    .where(
      and(
        eq(accounts.orgId, actor.orgId),
        or(and(eq(accounts.id, actor.id), eq(accounts.kind, "standard")), inArray(accounts.id, granted)),
      ),
    )
    .orderBy(sql`lower(${accounts.displayName})`, accounts.address);
  const list = rows.map(({ kind: _kind, ...r }) => ({ ...r, isOwn: r.id === actor.id }));
  return [...list.filter((m) => m.isOwn), ...list.filter((m) => !m.isOwn)];
}

const atText = sql<string>`to_char(${messages.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Full-text search over every mailbox of the scope at once: one query on the messages' search
 * vector (GIN index) restricted to account_id in the scope, newest first, keyset paged on
 * (received_at, id). Listing fields only, never bodies. Each hit is labelled with its mailbox.
 */
export async function searchAllMailboxes(
  db: Db,
  actor: Actor,
  input: { q: string; cursor: SearchCursor | null; limit?: number },
): Promise<{ mailboxes: SearchMailbox[]; hits: SearchHit[]; next: string | null; searched: boolean }> {
  const limit = input.limit ?? SEARCH_PAGE_SIZE;
  const mailboxes = await listSearchableMailboxes(db, actor);
  const matches = searchCondition(input.q);
  if (!matches) return { mailboxes, hits: [], next: null, searched: false };
  const byId = new Map(mailboxes.map((m) => [m.id, m]));
  const { cursor } = input;
  const after = cursor
    ? or(
        lt(messages.receivedAt, sql`${cursor.at}::timestamptz`),
        and(eq(messages.receivedAt, sql`${cursor.at}::timestamptz`), lt(messages.id, sql`${cursor.id}::uuid`)),
      )
    : undefined;
  const rows = await db
    .select({
      ...listColumns,
      atText,
      folderKind: folders.kind,
      folderName: folders.name,
    })
    .from(messages)
    .innerJoin(folders, and(eq(folders.orgId, messages.orgId), eq(folders.id, messages.folderId)))
    .where(
      and(
        eq(messages.orgId, actor.orgId),
        inArray(messages.accountId, [...byId.keys()]),
        matches,
        after,
      ),
    )
    .orderBy(desc(messages.receivedAt), desc(messages.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    mailboxes,
    searched: true,
    next: rows.length > limit && last ? encode({ at: last.atText, id: last.id }) : null,
    hits: page.map(({ atText: _at, folderKind, folderName, ...row }) => ({
      ...row,
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
