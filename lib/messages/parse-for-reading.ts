import "server-only";
import { simpleParser, type Attachment } from "mailparser";
import { reportBoundary, reportStatusPart, type DeliveryStatus } from "@/lib/mime/delivery-status";

export type AttachmentInfo = { index: number; filename: string; contentType: string; size: number };

export type ReadableMessage = {
  /** The text part (or mailparser's text rendering of the HTML part). */
  text: string;
  /** The HTML part, NOT sanitised: it goes through lib/mime/sanitize-mail-html before any display. */
  html: string | null;
  attachments: AttachmentInfo[];
  /** A delivery report's status part (message/delivery-status), read for people; null otherwise. */
  deliveryStatus: DeliveryStatus | null;
};

/** An attachment is listed unless it is an inline image the HTML shows (mailparser inlines those). */
const isListed = (a: Attachment) => a.contentDisposition !== "inline" || !a.cid;

/** Names for a report's unnamed parts, by what they are. */
const NAMES_BY_TYPE: Record<string, string> = {
  "text/rfc822-headers": "original-headers.txt",
  "message/rfc822": "original-message.eml",
};

const nameOf = (a: Attachment, index: number) =>
  a.filename?.trim() || NAMES_BY_TYPE[a.contentType.toLowerCase()] || `attachment-${index + 1}`;

/** A delivery report's status part, read for people (null for any other message). */
function statusPart(raw: Buffer, contentType: unknown): DeliveryStatus | null {
  const boundary = reportBoundary(contentType);
  return boundary ? reportStatusPart(raw, boundary) : null;
}

function parse(raw: Buffer) {
  // cid: images become data: URLs in parsed.html (skipImageLinks false), so the frame needs no
  // request back to the server to show them.
  return simpleParser(raw, { skipImageLinks: false, skipTextLinks: true, skipTextToHtml: true });
}

/** Parses a stored raw message for the reading pane. */
export async function parseForReading(raw: Buffer): Promise<ReadableMessage> {
  const parsed = await parse(raw);
  return {
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" && parsed.html.trim() !== "" ? parsed.html : null,
    attachments: parsed.attachments.flatMap((a, index) =>
      isListed(a) ? [{ index, filename: nameOf(a, index), contentType: a.contentType, size: a.size }] : [],
    ),
    deliveryStatus: statusPart(raw, parsed.headers.get("content-type")),
  };
}

/** One listed attachment of a raw message by its index, or null. */
export async function findAttachment(
  raw: Buffer,
  index: number,
): Promise<{ filename: string; contentType: string; content: Buffer } | null> {
  const parsed = await parse(raw);
  const attachment = parsed.attachments[index];
  if (!attachment || !isListed(attachment)) return null;
  return { filename: nameOf(attachment, index), contentType: attachment.contentType, content: attachment.content };
}
