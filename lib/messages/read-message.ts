import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders, messageContents, messages, type FolderKind, type Mailbox } from "@/db/schema";
import { requireMailboxRight, type MailboxAccess, type MailboxRef } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { isUuid } from "./ids";
import { listColumns, type MessageRow } from "./list-messages";
import { markSeen, readerIn, withReaderState } from "./read-state";

export type MessageDetail = MessageRow & {
  ccList: Mailbox[];
  sentAt: Date | null;
  messageIdHeader: string | null;
  folderKind: FolderKind;
  /** The stored content (shared by every copy of the message). */
  contentId: string;
};

export type StoredMessage = { access: MailboxAccess; message: MessageDetail; raw: Buffer };

/**
 * One message of a mailbox the actor may open (Full Access), with its raw content. Anything else —
 * another mailbox's message, a malformed id — is "not found or no access".
 */
export async function getMessage(db: Db, actor: Actor, ref: MailboxRef, messageId: string): Promise<StoredMessage> {
  if (!isUuid(messageId)) throw new DomainError("notFound");
  const access = await requireMailboxRight(db, actor, ref, "fullAccess");
  const [row] = await db
    .select({
      ...listColumns,
      ccList: messages.ccList,
      sentAt: messages.sentAt,
      messageIdHeader: messages.messageIdHeader,
      folderKind: folders.kind,
      contentId: messages.contentId,
      raw: messageContents.raw,
    })
    .from(messages)
    .innerJoin(
      messageContents,
      and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId)),
    )
    .innerJoin(folders, and(eq(folders.orgId, messages.orgId), eq(folders.id, messages.folderId)))
    .where(
      and(
        eq(messages.orgId, access.mailbox.orgId),
        eq(messages.accountId, access.mailbox.id),
        eq(messages.id, messageId),
      ),
    );
  if (!row) throw new DomainError("notFound");
  const { raw, ...shared } = row;
  const [message = shared] = await withReaderState(db, readerIn(access, actor.id), [shared]);
  return { access, message, raw };
}

/** The URL names the folder the message is in (its kind, or its id for a user folder)? */
export function assertInFolder(message: Pick<MessageDetail, "folderId" | "folderKind">, segment: string): void {
  const actual = message.folderKind === "user" ? message.folderId : message.folderKind;
  if (actual !== segment) throw new DomainError("notFound");
}

/** A message by the segments of its URL: mailbox, folder, id. */
export async function getMessageAt(
  db: Db,
  actor: Actor,
  at: { address: string; folder: string; messageId: string },
): Promise<StoredMessage> {
  const stored = await getMessage(db, actor, { address: at.address }, at.messageId);
  assertInFolder(stored.message, at.folder);
  return stored;
}

/**
 * Opens a message for the reading pane: checks it is in the folder the URL names (when given) and
 * marks it read (opening marks read) — with `conversation`, every message of its conversation in its
 * folder — unless `markRead` is false (just marked unread: it stays open, unread). `parseForReading`
 * makes its raw content readable.
 */
export async function openMessage(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  messageId: string,
  options: { folder?: string; markRead?: boolean; conversation?: boolean } = {},
): Promise<StoredMessage> {
  const { access, message, raw } = await getMessage(db, actor, ref, messageId);
  if (options.folder !== undefined) assertInFolder(message, options.folder);
  // Read as a conversation (the reader's list shows conversations), the whole conversation in the
  // message's folder is read with it, in the same statement, as its row in the list says.
  const conversation = options.conversation === true;
  if ((!message.seen || conversation) && options.markRead !== false) {
    const where = and(
      eq(messages.orgId, access.mailbox.orgId),
      eq(messages.accountId, access.mailbox.id),
      conversation
        ? and(eq(messages.threadId, message.threadId), eq(messages.folderId, message.folderId))
        : eq(messages.id, message.id),
    )!;
    await markSeen(db, readerIn(access, actor.id), where, true);
    message.seen = true;
  }
  return { access, message, raw };
}
