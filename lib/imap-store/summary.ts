import "server-only";
import { createRequire } from "node:module";

/**
 * The IMAP ENVELOPE and BODYSTRUCTURE of a raw message, computed once by the protocol layer's MIME
 * indexer (WildDuck's imap-core, the same code that answers FETCH) and stored with the content, so
 * that a client's first sync — UID FETCH 1:* (UID FLAGS ENVELOPE) — reads no message at all.
 *
 * The indexer's values are nested arrays of strings, numbers, nulls and Buffers (header bytes as
 * they were, possibly not UTF-8). JSON keeps them exactly: a Buffer is stored as {"b": base64}.
 */
const require = createRequire(import.meta.url);
type Indexer = {
  parseMimeTree: (raw: Buffer) => unknown;
  getEnvelope: (tree: unknown) => unknown[];
  getBodyStructure: (tree: unknown) => unknown[];
};
const IndexerClass = require("@zone-eu/wildduck/imap-core/lib/indexer/indexer.js") as new () => Indexer;
const indexer = new IndexerClass();

export type ImapSummary = { envelope: unknown; bodystructure: unknown };

function encode(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { b: value.toString("base64") };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === "b" && typeof entries[0]![1] === "string") {
      return Buffer.from(entries[0]![1], "base64");
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/** ENVELOPE and BODYSTRUCTURE of a raw message, in their stored (JSON) form. */
export function imapSummary(raw: Buffer): ImapSummary {
  const tree = indexer.parseMimeTree(raw);
  return { envelope: encode(indexer.getEnvelope(tree)), bodystructure: encode(indexer.getBodyStructure(tree)) };
}

/** A stored ENVELOPE or BODYSTRUCTURE back in the form the protocol layer writes (a fresh copy each time). */
export function decodeSummary(stored: unknown): unknown[] | undefined {
  return Array.isArray(stored) ? (decode(stored) as unknown[]) : undefined;
}

/** The message_contents columns of a new content (ENVELOPE and BODYSTRUCTURE). */
export function imapColumns(raw: Buffer): { imapEnvelope: unknown; imapBodystructure: unknown } {
  try {
    const summary = imapSummary(raw);
    return { imapEnvelope: summary.envelope, imapBodystructure: summary.bodystructure };
  } catch {
    // Never refuse mail for this: `false` marks it done, and FETCH computes them from the raw message.
    return { imapEnvelope: false, imapBodystructure: false };
  }
}
