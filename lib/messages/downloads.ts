import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { mailFrameCsp, mailFrameDocument, sanitizeMailHtml } from "@/lib/mime/sanitize-mail-html";
import { findAttachment, parseForReading } from "./parse-for-reading";
import { getMessageAt } from "./read-message";

/**
 * What the reading pane downloads: the HTML body for its frame, attachments and the raw .eml.
 * Each goes through getMessageAt (Full Access on the mailbox, message in the URL's folder).
 */
export type MessageAt = { address: string; folder: string; messageId: string };

export type Download = { body: Buffer | string; headers: Record<string, string> };

/** Content types served as they are; anything else is application/octet-stream. */
const SAFE_TYPES = new Set([
  "application/pdf",
  "application/zip",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
  "audio/mpeg",
  "image/gif",
  "image/jpeg",
  "image/png",
  "image/webp",
  "text/calendar",
  "text/csv",
  "text/plain",
  "video/mp4",
]);
const SAFE_PREFIXES = ["application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument."];

export function safeContentType(type: string): string {
  const t = type.trim().toLowerCase();
  if (!/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(t)) return "application/octet-stream";
  return SAFE_TYPES.has(t) || SAFE_PREFIXES.some((p) => t.startsWith(p)) ? t : "application/octet-stream";
}

/** A file name safe on every system, never empty. */
export function safeFilename(name: string, fallback: string): string {
  const clean = name
    .replace(/[\u0000-\u001f\u007f\\/:*?"<>|]+/g, "_")
    .replace(/^[\s.]+|[\s.]+$/g, "")
    .slice(0, 120);
  return clean || fallback;
}

/** Content-Disposition: attachment, with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const DOWNLOAD_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "no-referrer",
};

/** The sanitised HTML body as the document of the sandboxed frame, with its policy. */
export async function messageFrame(
  db: Db,
  actor: Actor,
  at: MessageAt,
  options: { allowRemoteImages: boolean },
): Promise<Download> {
  const { raw } = await getMessageAt(db, actor, at);
  const { html } = await parseForReading(raw);
  if (html === null) throw new DomainError("notFound");
  const clean = sanitizeMailHtml(html, { allowRemoteImages: options.allowRemoteImages });
  return {
    body: mailFrameDocument(clean.html, { allowRemoteImages: options.allowRemoteImages }),
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": mailFrameCsp({ allowRemoteImages: options.allowRemoteImages }),
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "SAMEORIGIN",
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  };
}

export async function messageAttachment(db: Db, actor: Actor, at: MessageAt, index: number): Promise<Download> {
  if (!Number.isInteger(index) || index < 0 || index > 10_000) throw new DomainError("notFound");
  const { raw } = await getMessageAt(db, actor, at);
  const attachment = await findAttachment(raw, index);
  if (!attachment) throw new DomainError("notFound");
  return {
    body: attachment.content,
    headers: {
      ...DOWNLOAD_HEADERS,
      "Content-Type": safeContentType(attachment.contentType),
      "Content-Disposition": contentDisposition(safeFilename(attachment.filename, `attachment-${index + 1}`)),
    },
  };
}

export async function messageEml(db: Db, actor: Actor, at: MessageAt): Promise<Download> {
  const { raw, message } = await getMessageAt(db, actor, at);
  return {
    body: raw,
    headers: {
      ...DOWNLOAD_HEADERS,
      "Content-Type": "message/rfc822",
      "Content-Disposition": contentDisposition(`${safeFilename(message.subject, "message")}.eml`),
    },
  };
}
