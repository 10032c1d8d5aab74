import mimeFuncs from "nodemailer/lib/mime-funcs";
import type { Mailbox } from "@/db/schema";
import type { Template } from "./corpus";

/**
 * Derives one stored message from a template: new From, To, Subject, Message-ID and Date header
 * lines (RFC 2047-encoded where not ASCII, as MailComposer writes them) in front of the template's
 * own MIME headers and body, which stay untouched — so the structure stays correct.
 */
export type Derived = {
  raw: Buffer;
  subject: string;
  /** Subject and people, as parse-listing puts them in front of the body in the search text. */
  headText: string;
};

const SPECIALS = /[()<>\[\]:;@\\,."]/;

/** "Name <address>" with the name quoted or encoded as needed. */
export function formatAddress(m: Mailbox): string {
  if (!m.name) return m.address;
  let name: string;
  if (/[^\x20-\x7e]/.test(m.name)) name = mimeFuncs.encodeWord(m.name, "Q", 52);
  else if (SPECIALS.test(m.name)) name = `"${m.name.replace(/(["\\])/g, "\\$1")}"`;
  else name = m.name;
  return `${name} <${m.address}>`;
}

/** RFC 5322 date, as nodemailer writes it. */
export const formatDate = (date: Date) => date.toUTCString().replace(/GMT/, "+0000");

const addressCache = new Map<string, string>();
function cachedAddress(m: Mailbox): string {
  let value = addressCache.get(m.address);
  if (value === undefined) {
    value = formatAddress(m);
    addressCache.set(m.address, value);
  }
  return value;
}

export function derive(
  template: Template,
  input: { from: Mailbox; to: Mailbox; subject: string; messageId: string; date: Date },
): Derived {
  const head =
    `From: ${cachedAddress(input.from)}\r\n` +
    `To: ${cachedAddress(input.to)}\r\n` +
    `Subject: ${mimeFuncs.encodeWords(input.subject, "Q", 52)}\r\n` +
    `Message-ID: ${input.messageId}\r\n` +
    `Date: ${formatDate(input.date)}\r\n`;
  return {
    raw: Buffer.concat([Buffer.from(head, "latin1"), template.tail]),
    subject: input.subject,
    headText: `${input.subject} ${input.from.name} ${input.from.address} ${input.to.name} ${input.to.address}`,
  };
}
