import "server-only";
import { convert } from "html-to-text";
import type { Db } from "@/db/client";
import { sanitizeMailHtml } from "@/lib/mime/sanitize-mail-html";
import type { ComposeInput } from "./recipient-fields";
import { signatureHtml, signatureText } from "./signature-format";
import { signaturesOf } from "./signatures";

/** What an HTML body says in plain text: html-to-text, links as "text [url]", lines of 78. */
export function plainFromHtml(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: "a", options: { hideLinkHrefIfSameAsText: true, linkBrackets: ["[", "]"] } },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "img", format: "skip" },
    ],
  }).trimEnd();
}

/** An editor's HTML with nothing in it ("<p></p>") is no HTML body. */
const hasContent = (html: string) => html.replace(/<[^>]*>/g, "").trim() !== "" || /<img\b/i.test(html);

/**
 * The body of a message being written: the rich editor's HTML (through the mail sanitiser, so what
 * is sent is what any reader would keep) with its plain-text alternative made by html-to-text — or,
 * when the form came without the editor (before JavaScript, or with it off), the plain text alone.
 * `signatureFrom`: the From mailbox whose signature goes underneath, when the writer kept it.
 */
export async function composeBody(
  db: Db,
  input: Pick<ComposeInput, "body" | "html" | "signature">,
  signatureFrom: { orgId: string; id: string } | null,
): Promise<{ text: string; html?: string }> {
  const html =
    input.html && hasContent(input.html) ? sanitizeMailHtml(input.html, { allowRemoteImages: true }).html : "";
  let text = html ? plainFromHtml(html) : input.body;
  let withSignature = html || undefined;
  if (signatureFrom && input.signature) {
    const signature = (await signaturesOf(db, signatureFrom.orgId, [signatureFrom.id])).get(signatureFrom.id);
    if (signature) {
      text = `${text.trimEnd()}\n\n${signatureText(signature)}\n`;
      if (withSignature) withSignature += signatureHtml(signature);
    }
  }
  return { text, html: withSignature };
}
