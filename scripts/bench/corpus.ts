import { buildMessage, type Attachment } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import { distinctWords } from "@/lib/mime/search-text";
import { random, type Random } from "./random";
import { FILLER, GREETINGS, SIGN_OFFS, TOPICS, FIRST_NAMES, LAST_NAMES, type Lang } from "./text";

/**
 * A few hundred distinct real messages, built with the app's MIME builder and parsed with its
 * listing parser. The benchmark derives every stored message from one of them by rewriting the
 * headers that differ from one message to the next (see derive.ts); the MIME body is kept as is.
 */
export type Template = {
  no: number;
  lang: Lang;
  /** The subject with {n}/{d}/{name} placeholders, filled per derived message. */
  subject: string;
  /** Everything after the varying headers: the other header lines, the blank line and the body. */
  tail: Buffer;
  /** Listing fields that do not vary: from the app's parser. */
  snippet: string;
  hasAttachments: boolean;
  /** The body part of the search text (parse-listing's searchText without subject and people). */
  bodyText: string;
};

/** The headers derive.ts writes itself. */
export const VARYING_HEADERS = ["from", "to", "cc", "subject", "message-id", "date", "sender"];

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function attachmentFor(rnd: Random, lang: Lang): Attachment {
  if (rnd() < 0.5) {
    // A PDF-like binary: incompressible bytes, 8–60 KB, as real scans and PDFs are.
    const size = 8_000 + Math.floor(rnd() * 52_000);
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = Math.floor(rnd() * 256);
    Buffer.from("%PDF-1.4\n").copy(bytes);
    return {
      filename: lang === "fr" ? "document.pdf" : "statement.pdf",
      contentType: "application/pdf",
      content: bytes,
    };
  }
  const lines = [lang === "fr" ? "date;libellé;montant" : "date;item;amount"];
  const rows = 50 + Math.floor(rnd() * 400);
  for (let i = 0; i < rows; i++)
    lines.push(
      `2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")};ligne ` +
        `${i};${(rnd() * 1000).toFixed(2)}`,
    );
  return {
    filename: lang === "fr" ? "export.csv" : "report.csv",
    contentType: "text/csv; charset=utf-8",
    content: Buffer.from(lines.join("\n")),
  };
}

function fill(text: string, rnd: Random): string {
  const name = `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`;
  return text
    .replaceAll("{n}", String(1000 + Math.floor(rnd() * 9000)))
    .replaceAll("{d}", `${1 + Math.floor(rnd() * 28)}/${1 + Math.floor(rnd() * 12)}`)
    .replaceAll("{name}", name);
}

const PLACEHOLDER_FROM = { name: "Template Sender", address: "template.sender@bench.invalid" };
const PLACEHOLDER_TO = { name: "Template Recipient", address: "template.recipient@bench.invalid" };

/** Splits a raw message into its header lines (unfolded groups) and what follows them. */
function splitHeaders(raw: Buffer): { headers: string[]; rest: Buffer } {
  const end = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, end).toString("latin1");
  const headers: string[] = [];
  for (const line of head.split("\r\n")) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1] += `\r\n${line}`;
    else headers.push(line);
  }
  return { headers, rest: raw.subarray(end) };
}

async function buildTemplate(no: number, rnd: Random): Promise<Template> {
  const lang: Lang = no % 2 === 0 ? "fr" : "en";
  const topic = rnd.pick(TOPICS[lang]);
  const fillers = Math.floor(rnd() ** 2 * 7);
  const paragraphs = [
    rnd.pick(GREETINGS[lang]),
    ...topic.paragraphs.map((p) => fill(p, rnd)),
    ...Array.from({ length: fillers }, () => rnd.pick(FILLER[lang])),
    `${rnd.pick(SIGN_OFFS[lang])}\n${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`,
  ];
  const text = paragraphs.join("\n\n");
  const html =
    rnd() < 0.25
      ? `<div style="font-family:Arial,sans-serif;font-size:14px">${paragraphs
          .map((p) => `<p style="margin:0 0 12px">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
          .join("")}</div>`
      : undefined;
  const attachments = rnd() < 0.12 ? [attachmentFor(rnd, lang)] : undefined;
  const raw = await buildMessage({
    from: PLACEHOLDER_FROM,
    to: [PLACEHOLDER_TO],
    subject: topic.subject,
    text,
    html,
    attachments,
    messageId: `<template-${no}@bench.invalid>`,
    date: new Date("2025-01-01T00:00:00Z"),
  });
  const listing = await parseListing(raw);
  const prefix =
    `${listing.subject} ${PLACEHOLDER_FROM.name} ${PLACEHOLDER_FROM.address} ${PLACEHOLDER_TO.name} ` +
    `${PLACEHOLDER_TO.address} `;
  // The search text keeps each word once, head first: the body's part is what follows the head's words
  // (a body word also in the placeholder head is left to the message's own head vector).
  const head = `${distinctWords(prefix)} `;
  if (!listing.searchText.startsWith(head)) throw new Error(`template ${no}: unexpected search text layout`);
  const { headers, rest } = splitHeaders(raw);
  const kept = headers.filter((h) => !VARYING_HEADERS.includes(h.slice(0, h.indexOf(":")).toLowerCase()));
  return {
    no,
    lang,
    subject: topic.subject,
    tail: Buffer.concat([Buffer.from(kept.join("\r\n"), "latin1"), rest]),
    snippet: listing.snippet,
    hasAttachments: listing.hasAttachments,
    bodyText: listing.searchText.slice(head.length),
  };
}

/** Builds `count` templates, deterministically (same seed, same corpus). */
export async function buildCorpus(count = 300, seed = 6): Promise<Template[]> {
  const rnd = random(seed);
  const templates: Template[] = [];
  for (let no = 0; no < count; no++) templates.push(await buildTemplate(no, rnd));
  return templates;
}
