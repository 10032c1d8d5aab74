import "server-only";
import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders, messageReads, messages } from "@/db/schema";
import type { MailboxAccess } from "@/lib/access/mailbox-access";

/**
 * Read state, shared or per person (issue 18). In a mailbox with `readPerPerson`, each reader has
 * their own read and unread state: `message_reads` holds a reader's state of a message where it
 * differs from the message's own `seen`, which stays the state everyone starts from (delivery's, a
 * rule's, the state when the setting was turned on). Every door reads and writes it here: the
 * webmail's list, reading pane, counts and marks, and IMAP's \Seen (R16).
 */

/** Someone reading a mailbox whose state is per person: the account, in the mailbox's organisation. */
export type Reader = { orgId: string; id: string };

/** The reader whose own state counts in this mailbox, or null when its state is shared. */
export const readerIn = (access: Pick<MailboxAccess, "mailbox">, readerId: string): Reader | null =>
  access.mailbox.readPerPerson ? { orgId: access.mailbox.orgId, id: readerId } : null;

/** SQL over `messages`: whether the reader has read the message (the shared state when `reader` is null). */
export function seenBy(reader: Reader | null): SQL<boolean> {
  if (!reader) return sql<boolean>`${messages.seen}`;
  return sql<boolean>`coalesce((select r.seen from message_reads r where r.org_id = ${messages.orgId}
    and r.message_id = ${messages.id} and r.reader_id = ${reader.id}::uuid), ${messages.seen})`;
}

/**
 * SQL over `folders`: the folder's unread count for the reader — the shared counter plus the sum of
 * their exceptions there (a counter kept by triggers, migration 0029). Without exceptions, the
 * shared count: safe for any mailbox, so a list of several mailboxes can use it for all.
 */
export function unreadFor(readerId: string | null): SQL<number> {
  if (!readerId) return sql<number>`${folders.unreadCount}`;
  return sql<number>`(${folders.unreadCount} + coalesce((select d.delta from folder_reader_unread d
    where d.folder_id = ${folders.id} and d.reader_id = ${readerId}::uuid), 0))::int`.mapWith(Number);
}

/**
 * Marks the messages matching `where` (a condition over `messages` that the caller scoped to the
 * mailbox) read or unread for `reader`, or for everyone when the mailbox's state is shared
 * (`reader` null). Per person: the reader's exceptions equal to the messages' own state go, the
 * others are added.
 */
export async function markSeen(tx: Db, reader: Reader | null, where: SQL, seen: boolean): Promise<void> {
  if (!reader) {
    await tx
      .update(messages)
      .set({ seen })
      .where(and(where, ne(messages.seen, seen)));
    return;
  }
  const sameAsShared = tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(where, eq(messages.seen, seen)));
  await tx
    .delete(messageReads)
    .where(
      and(
        eq(messageReads.orgId, reader.orgId),
        eq(messageReads.readerId, reader.id),
        inArray(messageReads.messageId, sameAsShared),
      ),
    );
  await tx
    .insert(messageReads)
    .select(
      tx
        .select({
          orgId: messages.orgId,
          messageId: messages.id,
          readerId: sql<string>`${reader.id}::uuid`.as("reader_id"),
          mailboxId: messages.accountId,
          folderId: messages.folderId,
          seen: sql<boolean>`${seen}`.as("seen"),
        })
        .from(messages)
        .where(and(where, ne(messages.seen, seen))),
    )
    .onConflictDoNothing();
}

/**
 * Rows read from `messages` with the shared state, given the reader's own (one query for a page,
 * none when the state is shared).
 */
export async function withReaderState<T extends { id: string; seen: boolean }>(
  db: Db,
  reader: Reader | null,
  rows: T[],
): Promise<T[]> {
  if (!reader || rows.length === 0) return rows;
  const own = await db
    .select({ id: messageReads.messageId, seen: messageReads.seen })
    .from(messageReads)
    .where(
      and(
        eq(messageReads.orgId, reader.orgId),
        eq(messageReads.readerId, reader.id),
        inArray(
          messageReads.messageId,
          rows.map((r) => r.id),
        ),
      ),
    );
  if (own.length === 0) return rows;
  const state = new Map(own.map((r) => [r.id, r.seen]));
  return rows.map((r) => (state.has(r.id) ? { ...r, seen: state.get(r.id)! } : r));
}

/** Turning per-person state off: every reader's exceptions go, the shared state is what remains. */
export async function clearReaderStates(tx: Db, mailboxId: string): Promise<void> {
  await tx.delete(messageReads).where(eq(messageReads.mailboxId, mailboxId));
}
