import "server-only";
import MailComposer from "nodemailer/lib/mail-composer";
import type { Mailbox } from "@/db/schema";

export type Attachment = { filename: string; contentType: string; content: Buffer };

export type OutgoingMessage = {
  from: Mailbox;
  /** Set only for Send on Behalf: the delegate who actually sends. */
  sender?: Mailbox;
  to: Mailbox[];
  cc?: Mailbox[];
  bcc?: Mailbox[];
  replyTo?: Mailbox[];
  subject: string;
  text: string;
  html?: string;
  attachments?: Attachment[];
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
  headers?: Record<string, string>;
};

export type BuildOptions = {
  /** Keep the Bcc header in the message (drafts only: a sent message never carries it). */
  keepBcc?: boolean;
};

/** No header may carry a line break, whatever a form sent (header injection). */
export const oneLine = (value: string) => value.replace(/[\r\n\u0000-\u001f\u007f]+/g, " ").trim();
const box = (m: Mailbox) => ({ name: oneLine(m.name), address: oneLine(m.address) });
/** A Message-ID as it appears in In-Reply-To / References: one `<…>` token, nothing else. */
const msgId = (value: string) => {
  const clean = oneLine(value).replace(/\s+/g, "");
  return clean.startsWith("<") ? clean : `<${clean}>`;
};

/**
 * Builds a real RFC 5322 message with nodemailer's MailComposer: Message-ID, Date, encoded
 * non-ASCII headers, multipart for HTML and attachments. Bcc is not written into the message
 * unless `keepBcc` (drafts). Every header value is made one line, whatever the caller passed.
 */
export function buildMessage(message: OutgoingMessage, options: BuildOptions = {}): Promise<Buffer> {
  const headers = message.headers
    ? Object.fromEntries(
        Object.entries(message.headers).map(([k, v]) => [oneLine(k).replace(/[^\x21-\x39\x3b-\x7e]/g, ""), oneLine(v)]),
      )
    : undefined;
  const composer = new MailComposer({
    from: box(message.from),
    sender: message.sender ? box(message.sender) : undefined,
    to: message.to.map(box),
    cc: message.cc?.map(box),
    bcc: message.bcc?.map(box),
    replyTo: message.replyTo?.map(box),
    subject: oneLine(message.subject),
    text: message.text,
    html: message.html,
    attachments: message.attachments?.map((a) => ({
      filename: oneLine(a.filename),
      contentType: oneLine(a.contentType),
      content: a.content,
    })),
    messageId: message.messageId ? msgId(message.messageId) : undefined,
    inReplyTo: message.inReplyTo ? msgId(message.inReplyTo) : undefined,
    references: message.references?.map(msgId),
    date: message.date ?? new Date(),
    headers,
  });
  const node = composer.compile();
  if (options.keepBcc) node.keepBcc = true;
  return node.build();
}
