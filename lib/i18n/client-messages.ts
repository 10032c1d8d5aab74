/**
 * The strings each area's client components use (useTranslations in components/), as message paths:
 * a namespace ("errors"), a group ("mail.list") or one message ("common.cancel"). Only these are
 * sent to the browser with the area's pages; the rest of the catalogue stays on the server, where
 * server components read it. tests/unit/client-messages.test.ts reads every client component and
 * fails when one uses a message its area does not send.
 */

/** The sign-in page (components/auth). */
export const AUTH_MESSAGES = ["errors", "auth"];

/** The mail screen (components/mail, outside settings). */
export const MAIL_MESSAGES = [
  "common.cancel",
  "errors",
  "shared",
  "mail.conversations",
  "mail.done",
  "mail.empty",
  "mail.errors",
  "mail.folderForm",
  "mail.list",
  "mail.messages",
  "mail.newMail",
  "mail.notes",
  "mail.reader.forward",
  "mail.reader.reply",
  "mail.reader.replyAll",
  "mail.replying",
  "mail.triage",
  "mail.unreadCount",
  "mail.unreadInInbox",
];

/** Compose and the signatures page (components/compose): the mail screen's, and compose's own strings. */
export const COMPOSE_MESSAGES = [...MAIL_MESSAGES, "compose"];

/** Automatic replies, rules and read state (components/mail/settings). */
export const MAIL_SETTINGS_MESSAGES = [...MAIL_MESSAGES, "automation"];

export const ADMIN_MESSAGES = ["common", "errors", "admin"];

type Catalogue = { [key: string]: unknown };

/** The part of a message catalogue under the given paths (a path that names nothing is left out). */
export function pickMessages(all: Catalogue, paths: readonly string[]): Catalogue {
  const picked: Catalogue = {};
  for (const p of paths) {
    const keys = p.split(".");
    let from: unknown = all;
    for (const k of keys) from = from && typeof from === "object" ? (from as Catalogue)[k] : undefined;
    if (from === undefined) continue;
    let to = picked;
    for (const k of keys.slice(0, -1)) to = (to[k] ??= {}) as Catalogue;
    to[keys.at(-1)!] = from;
  }
  return picked;
}
