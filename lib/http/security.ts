/**
 * The HTTP hardening every response of the app gets (applied by proxy.ts), as plain functions.
 * No Next.js import: unit-tested directly.
 */

/** The app's Content-Security-Policy: scripts only from this site or carrying the request's nonce. */
export function appCsp(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // React and Tailwind set style attributes; no style sheet comes from elsewhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The reading pane frames the message body (its own route serves it with a stricter policy).
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** Headers for every page and route, beside the CSP. */
export const SECURITY_HEADERS: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
};

/** The reading pane's message body: it sets its own policy (frame-ancestors 'self', sandbox). */
export const isMessageFramePath = (pathname: string) => /^\/mail\/[^/]+\/[^/]+\/[^/]+\/body\/?$/.test(pathname);

/** A path with a malformed percent-escape (`/mail/%E0%A4%A/inbox`): nothing to find there. */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * May this request change state? Only when its Origin is the site: the configured one
 * (MAILROOM_SITE_URL or AUTH_URL), else the Host the request was sent to — never
 * X-Forwarded-Host, which the client writes. No Origin at all is refused: browsers send one with
 * every POST, and server actions are POSTs.
 */
export function originAllowed(input: {
  method: string;
  origin: string | null;
  host: string | null;
  siteOrigin?: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (!input.origin || input.origin === "null") return false;
  let origin: URL;
  try {
    origin = new URL(input.origin);
  } catch {
    return false;
  }
  if (input.siteOrigin) return origin.origin === input.siteOrigin;
  return Boolean(input.host) && origin.host === input.host!.toLowerCase();
}
