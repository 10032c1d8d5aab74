import { zonedToUtc } from "@/lib/automation/time-zone";

/**
 * What a person typed in the search box, read as words and operators (as in Outlook on the web and
 * Gmail): `from:`, `to:` (To or Cc), `subject:`, `has:attachment`, `is:unread` / `is:read` /
 * `is:flagged`, `before:` and `after:` (a date, YYYY-MM-DD, a day of the given time zone's
 * calendar: after is from that day's midnight on, before is until the midnight that starts it),
 * with French spellings (`de:`, `à:`, `objet:`, `avant:`, `après:`). An operator's value may be
 * quoted (`from:"Jean Dupont"`). Anything else — an unknown operator, a date that is not one — is
 * a word. Pure: the database side is lib/messages/search.ts.
 */
export type SearchQuery = {
  /** The free words, for the full-text index. */
  words: string;
  from: string[];
  to: string[];
  subject: string[];
  hasAttachment: boolean;
  seen: boolean | null;
  flagged: boolean;
  after: Date | null;
  before: Date | null;
};

const ALIASES: Record<string, string> = {
  from: "from",
  de: "from",
  to: "to",
  à: "to",
  a: "to",
  subject: "subject",
  objet: "subject",
  sujet: "subject",
  has: "has",
  is: "is",
  est: "is",
  before: "before",
  avant: "before",
  after: "after",
  après: "after",
  apres: "after",
};

/** Longest operator value kept. */
const MAX_VALUE_CHARS = 100;
/** Operators kept from one query. */
const MAX_OPERATORS = 8;

const TOKEN = /([\p{L}]+):(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+)/gu;

/** The midnight that starts the day `value` names in `timeZone`, or null when it names no day. */
function dateOf(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value);
  if (!m) return null;
  const two = (s: string) => s.padStart(2, "0");
  return zonedToUtc(`${m[1]}-${two(m[2]!)}-${two(m[3]!)}T00:00`, timeZone);
}

/** `timeZone` (IANA) is the calendar `before:` and `after:` dates are days of. */
export function parseSearchQuery(input: string, timeZone = "UTC"): SearchQuery {
  const query: SearchQuery = {
    words: "",
    from: [],
    to: [],
    subject: [],
    hasAttachment: false,
    seen: null,
    flagged: false,
    after: null,
    before: null,
  };
  const words: string[] = [];
  let operators = 0;
  for (const match of input.normalize("NFC").matchAll(TOKEN)) {
    const [whole, name, quoted, bare, phrase, word] = match;
    if (word !== undefined || phrase !== undefined) {
      words.push(word ?? phrase ?? "");
      continue;
    }
    const op = ALIASES[name!.toLowerCase()];
    const value = (quoted ?? bare ?? "").trim().slice(0, MAX_VALUE_CHARS);
    const lower = value.toLowerCase();
    const known = op !== undefined && value !== "" && operators < MAX_OPERATORS;
    let used = known;
    if (known && (op === "from" || op === "to" || op === "subject")) query[op].push(value);
    else if (known && op === "has" && /^(attachments?|pj|pièces?-?jointes?)$/.test(lower)) query.hasAttachment = true;
    else if (known && op === "is" && (lower === "unread" || lower === "non-lu" || lower === "nonlu"))
      query.seen = false;
    else if (known && op === "is" && (lower === "read" || lower === "lu")) query.seen = true;
    else if (known && op === "is" && (lower === "flagged" || lower === "suivi")) query.flagged = true;
    else if (known && (op === "before" || op === "after") && dateOf(value, timeZone))
      query[op] = dateOf(value, timeZone);
    else used = false;
    if (used) operators++;
    else words.push(whole);
  }
  query.words = words.join(" ");
  return query;
}

/** Whether the query asks for anything at all. */
export const isEmptyQuery = (q: SearchQuery) =>
  q.words.trim() === "" &&
  q.from.length + q.to.length + q.subject.length === 0 &&
  !q.hasAttachment &&
  q.seen === null &&
  !q.flagged &&
  !q.after &&
  !q.before;
