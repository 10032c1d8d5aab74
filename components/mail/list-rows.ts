import type { ListItem } from "./MessageListView";

/**
 * A list row as the page's payload carries it to the browser: an array, not an object, so that the
 * fifty rows of a page do not each spell out their field names (they are in the payload once per row,
 * escaped again inside the HTML): who, subject, the snippet, the date as shown and as milliseconds,
 * the flags as bits, and the rare extras (a conversation's count, triage, another folder) only
 * when set. `unpackRow` gives back the ListItem the components read.
 */
export type PackedRow =
  | [id: string, who: string, subject: string, snippet: string, dateLabel: string, dateMs: number, flags: number]
  | [
      id: string,
      who: string,
      subject: string,
      snippet: string,
      dateLabel: string,
      dateMs: number,
      flags: number,
      extras: Extras,
    ];

type Extras = Pick<ListItem, "triage" | "count" | "folder">;

const SEEN = 1;
const FLAGGED = 2;
const ATTACHMENTS = 4;
const DRAFT = 8;

export function packRow(m: ListItem): PackedRow {
  const flags =
    (m.seen ? SEEN : 0) | (m.flagged ? FLAGGED : 0) | (m.hasAttachments ? ATTACHMENTS : 0) | (m.isDraft ? DRAFT : 0);
  const row: PackedRow = [m.id, m.who, m.subject, m.snippet, m.dateLabel, Date.parse(m.dateIso), flags];
  const extras: Extras = {};
  if (m.triage !== undefined) extras.triage = m.triage;
  if (m.count !== undefined) extras.count = m.count;
  if (m.folder !== undefined) extras.folder = m.folder;
  return Object.keys(extras).length > 0 ? [...row, extras] : row;
}

export function unpackRow([id, who, subject, snippet, dateLabel, dateMs, flags, extras]: PackedRow): ListItem {
  const item: ListItem = {
    id,
    who,
    subject,
    snippet,
    dateLabel,
    dateIso: new Date(dateMs).toISOString(),
    seen: (flags & SEEN) !== 0,
    ...extras,
  };
  if (flags & FLAGGED) item.flagged = true;
  if (flags & ATTACHMENTS) item.hasAttachments = true;
  if (flags & DRAFT) item.isDraft = true;
  return item;
}
