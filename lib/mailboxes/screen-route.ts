/**
 * The mail screen's URLs and the route segments they are served by (pure: the proxy, the layouts
 * and the tests use it).
 *
 * A person sees `/mail/{address}/{folder}[/{messageId}]?q=…&scope=…&after=…&before=…`. Next.js
 * keys a layout by its path segments alone, never by the query string, so the proxy rewrites that
 * URL to `/mail/{address}/{folder}/{list}[/{messageId}]`, where `{list}` encodes the list's search
 * and page. The folder pane is the `[folder]` layout, the list the `[list]` layout, the reading pane
 * the page: opening a message changes the page segment alone, so a client navigation fetches and
 * renders the reading pane only; paging or searching changes `[list]` and keeps the folder pane.
 */
import { wellKnownKind } from "./folder-kinds";
import type { ListQuery } from "./url";

/** The query parameters the list depends on, in the order they are encoded. */
export const LIST_PARAMS = ["q", "scope", "after", "before", "triage", "show", "sort"] as const;

/** Longest search text kept (the list pane ignores the rest). */
export const MAX_QUERY_CHARS = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "l" for a folder's first page with no search; else "l" and the list's parameters, base64url. */
export function listSegment(search: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of LIST_PARAMS) {
    const value = search.get(key);
    if (value) kept.set(key, key === "q" ? value.slice(0, MAX_QUERY_CHARS) : value);
  }
  const text = kept.toString();
  return text ? `l${Buffer.from(text).toString("base64url")}` : "l";
}

/** The list query a `[list]` segment encodes; anything malformed is the first page. */
export function parseListSegment(segment: string): ListQuery {
  if (!segment.startsWith("l") || segment.length === 1) return {};
  const params = new URLSearchParams(Buffer.from(segment.slice(1), "base64url").toString("utf8"));
  const query: ListQuery = {};
  for (const key of LIST_PARAMS) {
    const value = params.get(key);
    if (value) query[key] = key === "q" ? value.slice(0, MAX_QUERY_CHARS) : value;
  }
  return query;
}

/** A folder's URL segment: a well-known kind or a folder id (anything else is another page). */
const isFolderSegment = (segment: string) => wellKnownKind(segment) !== undefined || UUID.test(segment);

/**
 * The internal path of a mail screen URL, and the message it opens; null for any other path
 * (compose, search, the audit page, …), which is served as it is.
 */
export function mailScreenRoute(
  pathname: string,
  search: URLSearchParams,
): { pathname: string; messageId: string | null } | null {
  const parts = pathname.split("/");
  // ["", "mail", address, folder, ...rest]
  if (parts.length < 4 || parts[0] !== "" || parts[1] !== "mail") return null;
  const [, , address, folder, ...rest] = parts;
  if (!address || !folder || !/@|%40/i.test(address) || !isFolderSegment(folder)) return null;
  const list = listSegment(search);
  const messageId = rest[0] ? rest[0] : null;
  return { pathname: ["", "mail", address, folder, list, ...rest].join("/"), messageId };
}

/**
 * A request header the proxy sets (and strips from what the client sent) to the message a mail
 * screen URL opens: the layouts, rendered in parallel with the page on a full load, wait for it to
 * be marked read before they read the folder counts and the list.
 */
export const OPEN_MESSAGE_HEADER = "x-mailroom-open";

/**
 * Set by the proxy (never taken from the client) when the URL asks to keep the opened message unread
 * (`?unread=1`, after "Mark as unread"): the message stays open without being marked read again.
 */
export const KEEP_UNREAD_HEADER = "x-mailroom-keep-unread";
