// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import {
  corpusMailHtml,
  CORPUS_REMOTE_IMAGE,
  CORPUS_VISIBLE_TEXT,
  TRACKER_HOST,
  XSS_CORPUS,
} from "../../lib/demo/sanitize-corpus";
import { mailFrameCsp, mailFrameDocument, sanitizeMailHtml } from "../../lib/mime/sanitize-mail-html";

const FORBIDDEN_ELEMENTS =
  "script, style, svg, math, iframe, frame, object, embed, applet, form, input, button, textarea, select, " +
  "meta, base, " +
  "link, video, audio, source, use, animate, set, feimage, noscript, template";

/** What a browser would build from the sanitised HTML: nothing in it may run or load. */
function assertInert(html: string, { remoteImagesAllowed = false } = {}) {
  const document = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, "text/html");
  expect(document.querySelectorAll(FORBIDDEN_ELEMENTS)).toHaveLength(0);
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      expect(name.startsWith("on"), `${element.tagName} ${name}`).toBe(false);
      expect(["srcset", "background", "poster", "action", "formaction", "srcdoc", "xlink:href"]).not.toContain(name);
      if (name === "href") expect(attribute.value).toMatch(/^(https?:|mailto:|#)/i);
      if (name === "src") {
        if (remoteImagesAllowed) expect(attribute.value).toMatch(/^(https?:|data:image\/(png|jpe?g|gif|webp|bmp);)/i);
        else expect(attribute.value).toMatch(/^data:image\/(png|jpe?g|gif|webp|bmp);/i);
      }
      if (name === "style") expect(attribute.value).not.toMatch(/url|expression|\\|@import|image-set/i);
    }
  }
  expect(html).not.toMatch(/javascript:|XSS-/i);
}

describe("sanitizeMailHtml against known mail XSS payloads", () => {
  for (const payload of XSS_CORPUS) {
    it(`neutralises: ${payload.name}`, () => {
      const blocked = sanitizeMailHtml(payload.html);
      assertInert(blocked.html);
      expect(blocked.html).not.toContain(TRACKER_HOST);
      const allowed = sanitizeMailHtml(payload.html, { allowRemoteImages: true });
      assertInert(allowed.html, { remoteImagesAllowed: true });
      // Asking for images loads plain <img> images, nothing else a sender put in.
      if (payload.name !== "tracking pixel") expect(allowed.html).not.toContain(TRACKER_HOST);
    });
  }

  it("keeps the message readable and counts the remote images it held back", () => {
    const { html, blockedImages } = sanitizeMailHtml(corpusMailHtml());
    expect(html).toContain(CORPUS_VISIBLE_TEXT);
    expect(html).toContain("hover me");
    expect(blockedImages).toBe(2); // the tracking pixel and the protocol-relative image
    expect(html).not.toContain(TRACKER_HOST);
  });

  it("shows the remote image once the reader asks, and only https/http ones", () => {
    const { html, blockedImages } = sanitizeMailHtml(corpusMailHtml(), { allowRemoteImages: true });
    expect(blockedImages).toBe(1); // the protocol-relative one stays out
    expect(html).toContain(`src="${CORPUS_REMOTE_IMAGE}"`);
  });

  it("keeps ordinary mail formatting", () => {
    const { html } = sanitizeMailHtml(
      `<table width="600" cellpadding="4" style="border-collapse: collapse"><tr><td style="color: rgb(10, 20, 30); ` +
        `padding: 4px; font-family: 'Segoe UI', Arial">Cell</td></tr></table>` +
        `<p><a href="https://example.com/a?b=1">link</a> <a href="mailto:someone@example.com">mail</a> <font ` +
        `color="#f00">red</font></p>` +
        `<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">`,
    );
    expect(html).toContain(`style="color:rgb(10, 20, 30);padding:4px;font-family:'Segoe UI', Arial"`);
    expect(html).toContain(`href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer"`);
    expect(html).toContain(`href="mailto:someone@example.com"`);
    expect(html).toContain(`<font color="#f00">red</font>`);
    expect(html).toContain(`src="data:image/png;base64,iVBORw0KGgo="`);
    expect(html).toContain(`cellpadding="4"`);
  });

  it("drops relative links (they would point into Mailroom) but keeps their text", () => {
    const { html } = sanitizeMailHtml(`<a href="/admin">admin</a>`);
    expect(html).toBe(`<a target="_blank" rel="noopener noreferrer">admin</a>`);
  });
});

describe("the mail frame policy", () => {
  it("allows no script, no remote load but images asked for, and sandboxes the frame", () => {
    const csp = mailFrameCsp();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src data:;");
    expect(csp).toContain("sandbox allow-popups allow-popups-to-escape-sandbox");
    expect(csp).not.toContain("allow-scripts");
    expect(mailFrameCsp({ allowRemoteImages: true })).toContain("img-src data: https: http:");
  });

  it("repeats the policy inside the document, without the header-only directives", () => {
    const doc = mailFrameDocument("<p>x</p>", { lang: "fr" });
    expect(doc).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;`);
    expect(doc).not.toContain("frame-ancestors");
    expect(doc).toContain(`<html lang="fr">`);
  });
});
