import "server-only";
import { and, eq } from "drizzle-orm";
import { simpleParser, type AddressObject } from "mailparser";
import { z } from "zod";
import type { Db } from "@/db/client";
import { messageContents, messages, type Mailbox } from "@/db/schema";
import { requireMailboxRight, type AccessibleMailbox } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { toMailboxes } from "@/lib/mime/parse-listing";
import { sanitizeMailHtml } from "@/lib/mime/sanitize-mail-html";

/** Header a draft keeps to remember which message it answers (never written into sent mail). */
export const REPLY_OF_HEADER = "X-Mailroom-Reply-Of";
/** Header a draft keeps to remember whether the signature goes under it ("yes" / "no"). */
export const SIGNATURE_HEADER = "X-Mailroom-Signature";

export type SourceAttachment = { index: number; filename: string; contentType: string; size: number; content: Buffer };

/** A message opened for reply, reply all, forward or as a draft to reopen: parsed, access-checked. */
export type ComposeSource = {
  id: string;
  mailbox: AccessibleMailbox;
  isDraft: boolean;
  messageId: string | null;
  references: string[];
  from: Mailbox | null;
  sender: Mailbox | null;
  replyTo: Mailbox[];
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
  subject: string;
  date: Date | null;
  text: string;
  /** The HTML body, sanitised (null for a text-only message). */
  html: string | null;
  attachments: SourceAttachment[];
  /** Drafts: the message they answer. */
  replyOf: string | null;
  /** Drafts: whether the signature goes under it (null: not said, as in a message from elsewhere). */
  signature: boolean | null;
};

const uuid = z.uuid();

/**
 * Loads one message of a mailbox the actor has Full Access to (R12: the check comes before the
 * content is read). Anything else — another organisation, no right, a malformed id — is notFound.
 */
export async function loadComposeSource(db: Db, actor: Actor, messageId: string): Promise<ComposeSource> {
  if (!uuid.safeParse(messageId).success) throw new DomainError("notFound");
  const [row] = await db
    .select({ accountId: messages.accountId, contentId: messages.contentId, isDraft: messages.isDraft })
    .from(messages)
    .where(and(eq(messages.orgId, actor.orgId), eq(messages.id, messageId)));
  if (!row) throw new DomainError("notFound");
  const { mailbox } = await requireMailboxRight(db, actor, { id: row.accountId }, "fullAccess");
  const [content] = await db
    .select({ raw: messageContents.raw })
    .from(messageContents)
    .where(and(eq(messageContents.orgId, mailbox.orgId), eq(messageContents.id, row.contentId)));
  if (!content) throw new DomainError("notFound");
  const parsed = await simpleParser(content.raw, { skipImageLinks: true, skipTextLinks: true });
  const references = parsed.references
    ? Array.isArray(parsed.references)
      ? parsed.references
      : [parsed.references]
    : [];
  const replyOfHeader = parsed.headers.get(REPLY_OF_HEADER.toLowerCase());
  const replyOf =
    typeof replyOfHeader === "string" && uuid.safeParse(replyOfHeader.trim()).success ? replyOfHeader.trim() : null;
  const signatureHeader = String(parsed.headers.get(SIGNATURE_HEADER.toLowerCase()) ?? "").trim();
  return {
    id: messageId,
    mailbox,
    isDraft: row.isDraft,
    messageId: parsed.messageId ?? null,
    references,
    from: toMailboxes(parsed.from)[0] ?? null,
    sender: toMailboxes(parsed.headers.get("sender") as AddressObject | undefined)[0] ?? null,
    replyTo: toMailboxes(parsed.replyTo),
    to: toMailboxes(parsed.to),
    cc: toMailboxes(parsed.cc),
    bcc: toMailboxes(parsed.bcc),
    subject: parsed.subject ?? "",
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    text: (parsed.text ?? "").replace(/\r\n/g, "\n").trimEnd(),
    html: typeof parsed.html === "string" && parsed.html.trim() !== "" ? sanitizeMailHtml(parsed.html).html : null,
    attachments: parsed.attachments
      // Files attached by the writer; images embedded in an HTML body (multipart/related) are not.
      .filter((a) => !a.related)
      .map((a, index) => ({
        index,
        filename: a.filename || `attachment-${index + 1}`,
        contentType: a.contentType || "application/octet-stream",
        size: a.size ?? a.content.length,
        content: a.content,
      })),
    replyOf,
    signature: signatureHeader === "yes" ? true : signatureHeader === "no" ? false : null,
  };
}
