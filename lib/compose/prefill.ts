import type { Mailbox } from "@/db/schema";
import { formatAddressList } from "@/lib/mime/addresses";
import type { ComposeSource } from "./original-message";
import { textToHtml } from "./signature-format";

export type ComposeMode = "new" | "reply" | "replyAll" | "forward" | "draft";

export type KeptAttachment = { index: number; filename: string; contentType: string; size: number };

/** What the compose form starts with. */
export type ComposeInitial = {
  mode: ComposeMode;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  /** The same body for the rich editor (the quoted original's HTML in a blockquote), when it has one. */
  html?: string;
  /** Whether the From mailbox's signature goes under the message (a checkbox). */
  signature?: boolean;
  /** From picker value for a reopened draft (else the page picks the default). */
  from?: string;
  replyOf?: string;
  attachFrom?: string;
  draftId?: string;
  attachments: KeptAttachment[];
};

/** The words of a quote header, in the reader's language (the page passes them in). */
export type QuoteLabels = {
  wrote: (values: { date: string; from: string }) => string;
  forwarded: string;
  from: string;
  date: string;
  subject: string;
  to: string;
  cc: string;
  formatDate: (date: Date) => string;
};

/** The original's HTML (sanitised when it was read) or its text as paragraphs. */
const blockquote = (source: ComposeSource) => `<blockquote>${source.html ?? textToHtml(source.text)}</blockquote>`;

const REPLY_PREFIX = /^\s*(re|aw|réf?|sv|antw)\s*(\[\d+\])?\s*:/i;
const FORWARD_PREFIX = /^\s*(fwd?|tr|wg|rv)\s*:/i;

export const replySubject = (subject: string) => (REPLY_PREFIX.test(subject) ? subject : `Re: ${subject}`.trim());
export const forwardSubject = (subject: string) => (FORWARD_PREFIX.test(subject) ? subject : `Fwd: ${subject}`.trim());

const who = (m: Mailbox | null) => (m ? (m.name ? `${m.name} <${m.address}>` : m.address) : "");
const quote = (text: string) =>
  text
    .split("\n")
    .map((line) => (line.startsWith(">") ? `>${line}` : `> ${line}`))
    .join("\n");

function without(list: Mailbox[], exclude: Set<string>): Mailbox[] {
  const seen = new Set(exclude);
  return list.filter((m) => {
    if (seen.has(m.address)) return false;
    seen.add(m.address);
    return true;
  });
}

const empty = (mode: ComposeMode): ComposeInitial => ({
  mode,
  to: "",
  cc: "",
  bcc: "",
  subject: "",
  body: "",
  signature: true,
  attachments: [],
});

/**
 * The starting values of a reply, reply all, forward or reopened draft. `self` are the addresses
 * that must not be answered to in a reply all (the actor and the mailbox the original is in).
 */
export function prefill(
  mode: ComposeMode,
  source: ComposeSource | null,
  self: string[],
  labels: QuoteLabels,
): ComposeInitial {
  if (!source || mode === "new") return empty("new");
  const kept = source.attachments.map(({ index, filename, contentType, size }) => ({
    index,
    filename,
    contentType,
    size,
  }));
  if (mode === "draft") {
    return {
      mode,
      to: formatAddressList(source.to),
      cc: formatAddressList(source.cc),
      bcc: formatAddressList(source.bcc),
      subject: source.subject,
      body: source.text,
      html: source.html ?? undefined,
      signature: source.signature ?? false,
      draftId: source.id,
      replyOf: source.replyOf ?? undefined,
      attachFrom: kept.length ? source.id : undefined,
      attachments: kept,
    };
  }
  const date = source.date ? labels.formatDate(source.date) : "";
  if (mode === "forward") {
    const header = [
      labels.forwarded,
      `${labels.from}: ${who(source.from)}`,
      date && `${labels.date}: ${date}`,
      `${labels.subject}: ${source.subject}`,
      source.to.length > 0 && `${labels.to}: ${source.to.map(who).join(", ")}`,
      source.cc.length > 0 && `${labels.cc}: ${source.cc.map(who).join(", ")}`,
    ].filter(Boolean);
    return {
      ...empty(mode),
      subject: forwardSubject(source.subject),
      body: `\n\n${header.join("\n")}\n\n${source.text}\n`,
      html: `<p></p>${textToHtml(header.join("\n"))}${blockquote(source)}`,
      attachFrom: kept.length ? source.id : undefined,
      attachments: kept,
    };
  }
  const selfSet = new Set(self.map((a) => a.toLowerCase()));
  const answerTo = source.replyTo.length > 0 ? source.replyTo : source.from ? [source.from] : [];
  const to = mode === "replyAll" ? without([...answerTo, ...source.to], selfSet) : answerTo;
  const cc = mode === "replyAll" ? without(source.cc, new Set([...selfSet, ...to.map((m) => m.address)])) : [];
  return {
    ...empty(mode),
    to: formatAddressList(to.length > 0 ? to : answerTo),
    cc: formatAddressList(cc),
    subject: replySubject(source.subject),
    body: `\n\n${labels.wrote({ date, from: who(source.from) })}\n${quote(source.text)}\n`,
    html: `<p></p>${textToHtml(labels.wrote({ date, from: who(source.from) }))}${blockquote(source)}`,
    replyOf: source.id,
  };
}
