import { JSDOM } from "jsdom";
import type { HttpRequest } from "./load";
import type { Context } from "./scenarios";

/**
 * Sending, driven as a browser without JavaScript does it: load the compose page, take its
 * server-action form with every hidden field React rendered ($ACTION_…), fill recipient, subject
 * and body, and post it as multipart/form-data to the page. Each request sends one message.
 * The field names are the compose form's (components/compose/ComposeForm.tsx: from, to, cc, bcc,
 * subject, body; the "from" select keeps its default, the person's own mailbox).
 */
const RECIPIENT = /^to$/;
const SUBJECT = /^subject$/;
const BODY = /^body$/;

export type ComposeForm = { action: string; fields: [string, string | File][] };

/**
 * The server-action form of a page that has a field matching `having` (a page has others: the top
 * bar's sign-out is one), with the values a browser would submit untouched.
 */
export function readActionForm(html: string, pageUrl: string, having = "[name]"): ComposeForm | null {
  const dom = new JSDOM(html, { url: pageUrl });
  const form = [...dom.window.document.querySelectorAll("form")].find(
    (f) => f.querySelector('input[name^="$ACTION"]') && f.querySelector(having),
  );
  if (!form) return null;
  const data = new dom.window.FormData(form);
  const fields: [string, string | File][] = [];
  for (const [name, value] of data.entries()) {
    fields.push([
      name,
      typeof value === "string" ? value : new File([], value.name, { type: "application/octet-stream" }),
    ]);
  }
  const action = form.getAttribute("action");
  return {
    action: action && !action.startsWith("javascript:") ? new URL(action, pageUrl).pathname : new URL(pageUrl).pathname,
    fields,
  };
}

/** Fills recipient, subject and body; refuses a form where one of them cannot be found. */
export function fillCompose(
  form: ComposeForm,
  input: { to: string; subject: string; body: string },
): FormData | string {
  const out = new FormData();
  const seen = { to: false, subject: false, body: false };
  for (const [name, value] of form.fields) {
    if (RECIPIENT.test(name) && !seen.to) {
      seen.to = true;
      out.append(name, input.to);
    } else if (SUBJECT.test(name)) {
      seen.subject = true;
      out.append(name, input.subject);
    } else if (BODY.test(name)) {
      seen.body = true;
      out.append(name, input.body);
    } else out.append(name, value);
  }
  const missing = Object.entries(seen)
    .filter(([, found]) => !found)
    .map(([k]) => k);
  return missing.length ? `the compose form has no ${missing.join(", ")} field` : out;
}

export async function composeRequest(ctx: Context): Promise<HttpRequest | string> {
  const page = await ctx.get("/mail/compose", "delegate");
  if (page.status !== 200) return `GET /mail/compose answers ${page.status}`;
  const form = readActionForm(page.body, `${ctx.baseUrl}/mail/compose`, '[name="subject"]');
  if (!form) return "no server-action form on /mail/compose";
  const data = fillCompose(form, {
    to: ctx.fx.recipient,
    subject: "Point hebdomadaire / weekly sync",
    body:
      "Bonjour,\n\nVoici le point de la semaine : rien de bloquant, livraison prévue mardi.\n\nHello, all on track " +
      "for Tuesday.",
  });
  if (typeof data === "string") return data;
  const encoded = new Request(`${ctx.baseUrl}${form.action}`, { method: "POST", body: data });
  return {
    method: "POST",
    path: form.action,
    headers: { "content-type": encoded.headers.get("content-type")!, origin: ctx.baseUrl },
    body: Buffer.from(await encoded.arrayBuffer()),
    expect: [200, 303],
  };
}
