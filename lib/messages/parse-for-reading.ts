import "server-only";
import { simpleParser, type Attachment } from "mailparser";

export type AttachmentInfo = { index: number; filename: string; contentType: string; size: number };

export type ReadableMessage = {
  /** The text part (or mailparser's text rendering of the HTML part). */
  text: string;
  /** The HTML part, NOT sanitised: it goes through lib/mime/sanitize-mail-html before any display. */
  html: string | null;
  attachments: AttachmentInfo[];
};

/** An attachment is listed unless it is an inline image the HTML shows (mailparser inlines those). */
const isListed = (a: Attachment) => a.contentDisposition !== "inline" || !a.cid;

const nameOf = (a: Attachment, index: number) => a.filename?.trim() || `attachment-${index + 1}`;

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
