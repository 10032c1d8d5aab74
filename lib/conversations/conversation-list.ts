import "server-only";
import { and, eq, inArray, mapColumnsInSQLToAlias, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { folders, messages, type FolderKind } from "@/db/schema";
import { requireMailboxRight, type AccessibleMailbox, type MailboxRef } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/messages/ids";
import { listColumns, type MessageRow } from "@/lib/messages/list-messages";
import { seenBy, withReaderState, type Reader } from "@/lib/messages/read-state";

/**
 * Conversations in the list (issue 16): a folder's list shows one row per conversation — its newest
 * message in the folder (matching the list's filter) — with how many of its messages the folder
 * holds, how many are unread and who wrote them. The row is a message, so the list keeps its keyset
 * on (received_at, id) and its index: a message is a conversation's row when no newer message of
 * the same conversation is in the folder, an anti-join probing `messages_thread`.
 */
const newer = alias(messages, "newer");

/**
 * The condition on `messages` that keeps the newest message of each conversation in its folder (or,
 * `within` "mailbox", in its mailbox) among those `matching` (a list filter, a search: a condition on
 * `messages`, tested on the newer messages too).
 */
export function newestOfConversation(matching?: SQL, within: "folder" | "mailbox" = "folder"): SQL {
  return sql`not exists (select 1 from ${messages} as ${sql.identifier("newer")} where ${and(
    eq(newer.orgId, messages.orgId),
    eq(newer.accountId, messages.accountId),
    eq(newer.threadId, messages.threadId),
    within === "folder" ? eq(newer.folderId, messages.folderId) : undefined,
    sql`(${newer.receivedAt}, ${newer.id}) > (${messages.receivedAt}, ${messages.id})`,
    matching ? mapColumnsInSQLToAlias(matching, "newer") : undefined,
  )})`;
}

export type ConversationSummary = {
  /** Its messages in the folder (or the mailbox, for a search of the whole mailbox). */
  count: number;
  unread: number;
  flagged: boolean;
  hasAttachments: boolean;
  /** Who wrote them (name, else address), the newest first, each once. */
  senders: string[];
};

/** Senders a row names at most. */
const MAX_SENDERS = 4;

/**
 * What each conversation of a page holds in the folder (in the whole mailbox without `folderId`), by
 * thread id: one grouped query over the page's conversations (never one per row). Callers have
 * checked access to the mailbox.
 */
export async function summariesOf(
  db: Db,
  scope: { orgId: string; accountId: string; folderId?: string },
  threadIds: string[],
  reader: Reader | null = null,
): Promise<Record<string, ConversationSummary>> {
  const unique = [...new Set(threadIds)];
  if (unique.length === 0) return {};
  const who = sql<string>`coalesce(nullif(${messages.fromName}, ''), ${messages.fromAddress})`;
  const rows = await db
    .select({
      threadId: messages.threadId,
      count: sql<number>`count(*)::int`,
      unread: sql<number>`(count(*) filter (where not ${seenBy(reader)}))::int`,
      flagged: sql<boolean>`bool_or(${messages.flagged})`,
      hasAttachments: sql<boolean>`bool_or(${messages.hasAttachments})`,
      senders: sql<string[]>`array_agg(${who} order by ${messages.receivedAt} desc, ${messages.id} desc)`,
    })
    .from(messages)
    .where(
      and(
        eq(messages.orgId, scope.orgId),
        eq(messages.accountId, scope.accountId),
        inArray(messages.threadId, unique),
        scope.folderId ? eq(messages.folderId, scope.folderId) : undefined,
      ),
    )
    .groupBy(messages.threadId);
  return Object.fromEntries(
    rows.map(({ threadId, senders, ...rest }) => [
      threadId,
      { ...rest, senders: [...new Set(senders)].slice(0, MAX_SENDERS) },
    ]),
  );
}

/** Messages of a conversation the reading pane lists at most (the newest). */
export const CONVERSATION_SHOWN = 50;

export type ConversationMessage = MessageRow & { folderKind: FolderKind; folderName: string };

/**
 * The messages of an open message's conversation in its mailbox, newest first, with the folder each
 * is in — Deleted Items and Junk left out unless the open message is there itself. Callers opened
 * the message (Full Access checked).
 */
export async function conversationMessages(
  db: Db,
  mailbox: AccessibleMailbox,
  open: { threadId: string; folderKind: FolderKind },
  reader: Reader | null = null,
): Promise<ConversationMessage[]> {
  const binned = open.folderKind === "deleted" || open.folderKind === "junk";
  const rows = await db
    .select({ ...listColumns, folderKind: folders.kind, folderName: folders.name })
    .from(messages)
    .innerJoin(folders, and(eq(folders.orgId, messages.orgId), eq(folders.id, messages.folderId)))
    .where(
      and(
        eq(messages.orgId, mailbox.orgId),
        eq(messages.accountId, mailbox.id),
        eq(messages.threadId, open.threadId),
        binned ? undefined : and(ne(folders.kind, "deleted"), ne(folders.kind, "junk")),
      ),
    )
    .orderBy(sql`${messages.receivedAt} desc`, sql`${messages.id} desc`)
    .limit(CONVERSATION_SHOWN);
  return withReaderState(db, reader, rows);
}

/** Messages an action on conversation rows may reach at most. */
const MAX_EXPANDED = 500;

/**
 * The messages a selection of conversation rows stands for: every message of each row's
 * conversation in that row's folder, in a mailbox the actor has Full Access to (else notFound, R12).
 * What the list's actions (read, flag, move, delete) then act on, through their own checks.
 */
export async function expandConversationRows(db: Db, actor: Actor, ref: MailboxRef, ids: string[]): Promise<string[]> {
  const selected = [...new Set(ids)].filter(isUuid);
  if (selected.length === 0) return ids;
  const access = await requireMailboxRight(db, actor, ref, "fullAccess");
  const rows = alias(messages, "row");
  const found = await db
    .select({ id: messages.id })
    .from(rows)
    .innerJoin(
      messages,
      and(
        eq(messages.orgId, rows.orgId),
        eq(messages.accountId, rows.accountId),
        eq(messages.threadId, rows.threadId),
        eq(messages.folderId, rows.folderId),
      ),
    )
    .where(and(eq(rows.orgId, access.mailbox.orgId), eq(rows.accountId, access.mailbox.id), inArray(rows.id, selected)))
    .limit(MAX_EXPANDED + 1);
  if (found.length === 0) throw new DomainError("notFound");
  if (found.length > MAX_EXPANDED) throw new DomainError("tooManySelected", undefined, { max: MAX_EXPANDED });
  return [...new Set(found.map((r) => r.id))];
}
