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

/** No header may carry a line break, whatever a form sent (header injection). */
const oneLine = (value: string) => value.replace(/[\r\n\u0000-\u001f\u007f]+/g, " ").trim();
const box = (m: Mailbox) => ({ name: oneLine(m.name), address: oneLine(m.address) });

/**
 * Builds a real RFC 5322 message with nodemailer's MailComposer: Message-ID, Date, encoded
 * non-ASCII headers, multipart for HTML and attachments. Bcc is never written into the message.
 */
export function buildMessage(message: OutgoingMessage): Promise<Buffer> {
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
      contentType: a.contentType,
      content: a.content,
    })),
    messageId: message.messageId,
    inReplyTo: message.inReplyTo,
    references: message.references,
    date: message.date ?? new Date(),
    headers: message.headers,
  });
  return composer.compile().build();
}
