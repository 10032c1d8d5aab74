/**
 * The message namespaces each area's client components use (useTranslations in components/):
 * only these are sent to the browser with its pages. tests/unit/client-namespaces.test.ts checks
 * every client component's namespace is in its area's list.
 */
export const AUTH_NAMESPACES = ["common", "errors", "auth"];
export const MAIL_NAMESPACES = ["common", "errors", "mail", "shared"];
/** Compose and the signatures page (components/compose): the mail area's, and compose's own strings. */
export const COMPOSE_NAMESPACES = [...MAIL_NAMESPACES, "compose"];
/** Automatic replies, rules and read state (components/mail/settings). */
export const MAIL_SETTINGS_NAMESPACES = [...MAIL_NAMESPACES, "automation"];
export const ADMIN_NAMESPACES = ["common", "errors", "admin"];
