/**
 * The message namespaces each area's client components use (useTranslations in components/):
 * only these are sent to the browser with its pages. tests/unit/client-namespaces.test.ts checks
 * every client component's namespace is in its area's list.
 */
export const AUTH_NAMESPACES = ["common", "errors", "auth"];
export const MAIL_NAMESPACES = ["common", "errors", "mail", "shared", "compose", "automation"];
export const ADMIN_NAMESPACES = ["common", "errors", "admin"];
