import "server-only";
import { randomUUID } from "node:crypto";
import { buildMessage, oneLine } from "@/lib/mime/build-message";
import { domainOf } from "@/lib/mime/addresses";

export type MentionNotice = {
  mailbox: { address: string; displayName: string };
  to: { address: string; displayName: string };
  author: string;
  subject: string;
  note: string;
  /** Where the message opens, absolute when the site's origin is known. */
  link: string;
};

/**
 * The message a delegate gets in their own Inbox when a note on a shared mailbox's message
 * mentions them, in French and English. It quotes the note (which the delegate may read anyway),
 * never the message itself.
 */
export function buildMentionNotice(notice: MentionNotice): Promise<Buffer> {
  const domain = domainOf(notice.mailbox.address);
  const subject = oneLine(notice.subject) || "(sans objet / no subject)";
  const quoted = notice.note
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  const text = [
    `${notice.author} vous a mentionné dans une note sur un message de ${notice.mailbox.address} : « ${subject} ».`,
    "",
    quoted,
    "",
    `Ouvrir : ${notice.link}`,
    "",
    "---",
    "",
    `${notice.author} mentioned you in a note on a message of ${notice.mailbox.address}: "${subject}".`,
    "",
    quoted,
    "",
    `Open: ${notice.link}`,
    "",
  ].join("\n");
  return buildMessage({
    from: { name: "Mailroom", address: `postmaster@${domain}` },
    to: [{ name: notice.to.displayName, address: notice.to.address }],
    subject: `Mention : ${subject} / Mentioned: ${subject}`,
    text,
    messageId: `<${randomUUID()}@${domain}>`,
    headers: { "Auto-Submitted": "auto-generated" },
  });
}
