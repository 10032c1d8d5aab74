import "server-only";
import { parseListing, type Listing } from "@/lib/mime/parse-listing";
import { sha256 } from "@/lib/messages/store-message";

/** Larger messages are refused: nothing sends them, and one would hold a whole batch. */
export const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

export type Prepared = { ok: true; listing: Listing; sha256: string } | { ok: false; error: string };

const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/** Why these bytes are not a mail message, or null when they look like one. */
export function shapeProblem(raw: Uint8Array): string | null {
  if (raw.length === 0) return "empty file";
  if (raw.length > MAX_MESSAGE_BYTES) return `too large (${raw.length} bytes; at most ${MAX_MESSAGE_BYTES})`;
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  const head = buf.toString("latin1", 0, Math.min(buf.length, 998));
  if (head.startsWith("From ")) return 'starts with an mbox "From " line: import the file with --format mbox';
  if (!HEADER_LINE.test(head)) return "not a mail message: it does not start with a header line";
  const bodyAt = [buf.indexOf("\r\n\r\n"), buf.indexOf("\n\n")].filter((i) => i >= 0);
  const headerEnd = bodyAt.length ? Math.min(...bodyAt) : buf.length;
  if (buf.subarray(0, headerEnd).includes(0)) return "not a mail message: binary data in its header";
  return null;
}

/** PostgreSQL text cannot hold NUL: a decoded header or body may carry one; it is dropped. */
function withoutNul(listing: Listing): Listing {
  const clean = (v: string) => (v.includes("\u0000") ? v.replaceAll("\u0000", "") : v);
  const box = (m: { name: string; address: string }) => ({ name: clean(m.name), address: clean(m.address) });
  return {
    ...listing,
    messageIdHeader: listing.messageIdHeader && clean(listing.messageIdHeader),
    fromAddress: clean(listing.fromAddress),
    fromName: clean(listing.fromName),
    senderAddress: listing.senderAddress && clean(listing.senderAddress),
    senderName: listing.senderName && clean(listing.senderName),
    toList: listing.toList.map(box),
    ccList: listing.ccList.map(box),
    subject: clean(listing.subject),
    snippet: clean(listing.snippet),
    searchText: clean(listing.searchText),
  };
}

/** Checks and parses one raw message with mailparser; never throws. */
export async function prepareMessage(raw: Uint8Array): Promise<Prepared> {
  const problem = shapeProblem(raw);
  if (problem) return { ok: false, error: problem };
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  try {
    const listing = withoutNul(await parseListing(buf));
    return { ok: true, listing, sha256: sha256(buf) };
  } catch (error) {
    return { ok: false, error: `cannot be parsed: ${(error as Error).message}` };
  }
}
