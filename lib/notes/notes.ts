import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders, messageNotes } from "@/db/schema";
import { fullAccessDelegates } from "@/lib/access/full-access-delegates";
import { requireMailboxRight, type MailboxAccess } from "@/lib/access/mailbox-access";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { deliverNowInTx } from "@/lib/delivery/deliver";
import type { DeliveryMailbox } from "@/lib/delivery/recipients";
import { DomainError } from "@/lib/errors";
import { folderSegment } from "@/lib/mailboxes/folder-kinds";
import { messagePath } from "@/lib/mailboxes/url";
import { messageInMailbox } from "@/lib/messages/message-in-mailbox";
import { domainOf } from "@/lib/mime/addresses";
import { parseListing } from "@/lib/mime/parse-listing";
import { buildMentionNotice } from "./mention-notice";
import { mentionNames, mentionsIn } from "./mentions";

export const MAX_NOTE_CHARS = 4000;
/** A conversation's notes shown at most (the oldest first). */
const NOTES_SHOWN = 200;

export type Note = {
  id: string;
  messageId: string;
  authorName: string;
  /** Whether the actor wrote it (and so may delete it). */
  own: boolean;
  body: string;
  createdAt: Date;
};

/**
 * Internal notes of a shared mailbox (issue 18): written and read by its Full Access delegates
 * only — Send As or Send on Behalf alone, or anyone else, gets notFound, as for a mailbox that does
 * not exist (R12). A user's own mailbox has none: there is nobody to write them to.
 */
async function requireNotesAccess(db: Db, actor: Actor, address: string): Promise<MailboxAccess> {
  const access = await requireMailboxRight(db, actor, { address }, "fullAccess");
  if (access.mailbox.kind !== "shared") throw new DomainError("notesSharedOnly");
  return access;
}

const messageOf = (db: Db, access: MailboxAccess, messageId: string) => messageInMailbox(db, access.mailbox, messageId);

/** The notes on a message's conversation in a shared mailbox, oldest first; [] for a user's own mailbox. */
export async function listNotes(db: Db, actor: Actor, address: string, messageId: string): Promise<Note[]> {
  const access = await requireMailboxRight(db, actor, { address }, "fullAccess");
  if (access.mailbox.kind !== "shared") return [];
  const message = await messageOf(db, access, messageId);
  const rows = await db
    .select({
      id: messageNotes.id,
      messageId: messageNotes.messageId,
      authorId: messageNotes.authorId,
      authorName: messageNotes.authorName,
      body: messageNotes.body,
      createdAt: messageNotes.createdAt,
    })
    .from(messageNotes)
    .where(
      and(
        eq(messageNotes.orgId, access.mailbox.orgId),
        eq(messageNotes.accountId, access.mailbox.id),
        eq(messageNotes.threadId, message.threadId),
      ),
    )
    .orderBy(asc(messageNotes.createdAt), asc(messageNotes.id))
    .limit(NOTES_SHOWN);
  return rows.map(({ authorId, ...note }) => ({ ...note, own: authorId === actor.id }));
}

export type NewNote = {
  address: string;
  messageId: string;
  body: string;
  /** The site's origin, to put a full link in a mention's notice ("" for a path alone). */
  origin?: string;
};

/**
 * Adds a note to a message of a shared mailbox (Full Access), in one transaction with its audit
 * event and the notice each mentioned Full Access delegate gets in their own Inbox (delivered as
 * every message is: quota, rules). A mention of anyone else notifies nobody: a note never leaves
 * the mailbox's delegates.
 */
export async function addNote(db: Db, actor: Actor, input: NewNote): Promise<{ id: string; mentioned: string[] }> {
  const body = input.body.replace(/\r\n?/g, "\n").trim();
  if (body === "") throw new DomainError("noteEmpty");
  if (body.length > MAX_NOTE_CHARS) throw new DomainError("noteTooLong");
  return db.transaction(async (tx) => {
    const access = await requireNotesAccess(tx, actor, input.address);
    const { mailbox } = access;
    const message = await messageOf(tx, access, input.messageId);
    const [note] = await tx
      .insert(messageNotes)
      .values({
        orgId: mailbox.orgId,
        accountId: mailbox.id,
        messageId: message.id,
        threadId: message.threadId,
        authorId: actor.id,
        authorName: actor.displayName || actor.address,
        body,
      })
      .returning({ id: messageNotes.id });
    const mentioned = await mentionedDelegates(tx, access, actor, mentionsIn(body));
    if (mentioned.length > 0) {
      const [folder] = await tx
        .select({ id: folders.id, kind: folders.kind })
        .from(folders)
        .where(and(eq(folders.orgId, mailbox.orgId), eq(folders.id, message.folderId)));
      const link = `${input.origin ?? ""}${messagePath(mailbox.address, folderSegment(folder!), message.id)}`;
      for (const to of mentioned) {
        const notice = { mailbox, to, author: actor.displayName || actor.address, subject: message.subject, link };
        await deliverNotice(tx, to, await buildMentionNotice({ ...notice, note: body }), actor);
      }
    }
    await recordAudit(tx, {
      orgId: mailbox.orgId,
      actor,
      mailbox,
      action: "note.add",
      details: { messageId: message.id, subject: message.subject, mentioned: mentioned.map((m) => m.address) },
    });
    return { id: note!.id, mentioned: mentioned.map((m) => m.address) };
  });
}

/** The mailbox's Full Access delegates (active, not the author) that the mentions name. */
async function mentionedDelegates(
  tx: Db,
  access: MailboxAccess,
  actor: Actor,
  mentions: string[],
): Promise<DeliveryMailbox[]> {
  if (mentions.length === 0) return [];
  const delegates = await fullAccessDelegates(tx, access.mailbox);
  return delegates.filter((d) => d.id !== actor.id && mentions.some((m) => mentionNames(m, d.address)));
}

async function deliverNotice(tx: Db, to: DeliveryMailbox, raw: Buffer, actor: Actor) {
  const reportTo = { id: actor.id, orgId: actor.orgId, address: actor.address, displayName: actor.displayName };
  await deliverNowInTx(tx, {
    raw,
    listing: await parseListing(raw),
    sentCopies: [],
    bcc: [],
    recipients: [to],
    unknown: [],
    reportTo,
    reportingDomain: domainOf(to.address),
  });
}

/** Deletes one of the actor's own notes (Full Access still required); another's is notFound. */
export async function deleteNote(db: Db, actor: Actor, address: string, noteId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { mailbox } = await requireNotesAccess(tx, actor, address);
    const removed = await tx
      .delete(messageNotes)
      .where(
        and(
          eq(messageNotes.orgId, mailbox.orgId),
          eq(messageNotes.accountId, mailbox.id),
          inArray(messageNotes.id, [noteId]),
          eq(messageNotes.authorId, actor.id),
        ),
      )
      .returning({ messageId: messageNotes.messageId });
    if (removed.length === 0) throw new DomainError("notFound");
    await recordAudit(tx, {
      orgId: mailbox.orgId,
      actor,
      mailbox,
      action: "note.delete",
      details: { messageId: removed[0]!.messageId },
    });
  });
}
