/**
 * How a signature is written under a message: after the usenet separator "-- " in the plain text
 * (RFC 3676 §4.3, so mail clients recognise it), and as its own paragraph in the HTML. Pure: the
 * compose form shows the same thing the server writes.
 */
export const SIGNATURE_SEPARATOR = "-- ";

export const signatureText = (signature: string) => `${SIGNATURE_SEPARATOR}\n${signature}`;

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const signatureHtml = (signature: string) =>
  `<div>${signature
    .split(/\n{2,}/)
    .map((block) => `<p>${block.split("\n").map(escapeHtml).join("<br>")}</p>`)
    .join("")}</div>`;

/** Plain text as HTML paragraphs (line breaks kept), for a quote of a text-only message. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => `<p>${block.split("\n").map(escapeHtml).join("<br>")}</p>`)
    .join("");
}
