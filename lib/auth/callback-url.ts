/**
 * Where to go after signing in: the page that asked for it (Auth.js's `callbackUrl`), kept only
 * as a path of this site — another origin, a protocol-relative "//host", or the sign-in pages
 * themselves give the default. Pure.
 */
export function safeCallbackPath(value: unknown, fallback = "/mail"): string {
  if (typeof value !== "string" || !value || value.length > 2000) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, "http://mailroom.invalid");
  } catch {
    return fallback;
  }
  // An absolute address counts only as its path on this site; a relative one must be a plain path.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith("/")) return fallback;
  if (value.startsWith("//")) return fallback;
  if (url.protocol !== "http:" && url.protocol !== "https:") return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  if (/^\/(login|api\/auth)(\/|$|\?)/.test(path)) return fallback;
  return path;
}
