/** URL helpers shared by pages, route handlers and components (no database). */

/** A dynamic segment as the mailbox address it names; a malformed escape is left as it is. */
export function addressParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A list's search, page, filter and (shared mailboxes) conversation filter (`triage`: mine,
 * unassigned, open, done).
 */
export type ListQuery = {
  q?: string;
  scope?: string;
  after?: string;
  before?: string;
  triage?: string;
  /** The list's filter: unread, flagged, attachments. */
  show?: string;
  /** The list's order when not by date: from, size. */
  sort?: string;
};

/** The query string that keeps a list's search and page: "" or "?q=…&scope=…". */
export function listQueryString(query: ListQuery, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...extra })) {
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const mailboxPath = (address: string) => `/mail/${encodeURIComponent(address)}`;
export const folderPath = (address: string, segment: string) =>
  `${mailboxPath(address)}/${encodeURIComponent(segment)}`;
export const messagePath = (address: string, segment: string, messageId: string) =>
  `${folderPath(address, segment)}/${messageId}`;
