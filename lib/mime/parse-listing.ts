import "server-only";
import { simpleParser, type AddressObject } from "mailparser";
import type { Mailbox } from "@/db/schema";
import { distinctWords } from "./search-text";

export type Listing = {
  messageIdHeader: string | null;
  fromAddress: string;
  fromName: string;
  senderAddress: string | null;
  senderName: string | null;
  toList: Mailbox[];
  ccList: Mailbox[];
  subject: string;
  snippet: string;
  sentAt: Date | null;
  hasAttachments: boolean;
  /** The Message-IDs it answers: In-Reply-To, then References from the nearest (the conversation, migration 0020). */
  threadRefs: string[];
  /** Subject, addresses and the whole body text, each word once, for the search index (see search-text.ts). */
  searchText: string;
};

const SNIPPET_CHARS = 200;

export function toMailboxes(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  return objects.flatMap((o) =>
    o.value.flatMap((a) =>
      a.group
        ? a.group.map((g) => ({ name: g.name ?? "", address: (g.address ?? "").toLowerCase() }))
        : [{ name: a.name ?? "", address: (a.address ?? "").toLowerCase() }],
    ),
  );
}

/** Parses a raw message with mailparser into the fields a folder listing needs. */
export async function parseListing(raw: Buffer): Promise<Listing> {
  const parsed = await simpleParser(raw, {
    skipHtmlToText: false,
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
  });
  const from = toMailboxes(parsed.from)[0];
  const senderHeader = parsed.headers.get("sender") as AddressObject | undefined;
  const sender = toMailboxes(senderHeader)[0];
  const text = (parsed.text ?? "").replace(/\s+/g, " ").trim();
  const toList = toMailboxes(parsed.to);
  const ccList = toMailboxes(parsed.cc);
  const subject = parsed.subject ?? "";
  const people = [from, ...toList, ...ccList]
    .filter(Boolean)
    .map((m) => `${m!.name} ${m!.address}`)
    .join(" ");
  return withoutNul({
    messageIdHeader: parsed.messageId ?? null,
    fromAddress: from?.address ?? "",
    fromName: from?.name ?? "",
    senderAddress: sender && sender.address !== from?.address ? sender.address : null,
    senderName: sender && sender.address !== from?.address ? sender.name : null,
    toList,
    ccList,
    subject,
    snippet: text.slice(0, SNIPPET_CHARS),
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    hasAttachments: parsed.attachments.some((a) => a.contentDisposition !== "inline" || !a.cid),
    threadRefs: threadRefs(parsed.inReplyTo, parsed.references),
    searchText: distinctWords(`${subject} ${people} ${text}`),
  });
}

const MAX_THREAD_REFS = 30;

/** In-Reply-To, then References nearest first, each once: what the conversation lookup tries. */
export function threadRefs(inReplyTo: string | undefined, references: string | string[] | undefined): string[] {
  const refs = typeof references === "string" ? references.split(/\s+/) : (references ?? []);
  const all = [inReplyTo ?? "", ...refs.toReversed()].map((r) => r.trim()).filter((r) => /^<[^<>\s]+>$/.test(r));
  return [...new Set(all)].slice(0, MAX_THREAD_REFS);
}

/** PostgreSQL text and jsonb cannot hold U+0000: mail from outside may, so it is dropped from the listing. */
function withoutNul<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\u0000", "") as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)])) as T;
  return value;
}
