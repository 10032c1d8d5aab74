import "server-only";
import { and, eq, not, or, sql, type SQL } from "drizzle-orm";
import { messages } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { seenBy, type Reader } from "@/lib/messages/read-state";
import { searchCondition } from "@/lib/messages/search";
import { parseFlags } from "./flags";

/**
 * IMAP SEARCH criteria (as the protocol layer parses them) translated to one SQL condition on the
 * listing columns and the full-text index: no body is read. TEXT and BODY match whole words (and
 * word prefixes) of the search vector, as the webmail's search does; FROM, TO, CC and SUBJECT match
 * substrings of the parsed fields.
 */
export type SearchTerm = {
  key: string;
  value?: unknown;
  exists?: boolean;
  operator?: string;
  header?: string;
};

const MAX_DEPTH = 32;
const like = (value: unknown) => `%${String(value ?? "").replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function dateCompare(column: SQL, operator: string | undefined, value: unknown): SQL {
  const day = new Date(String(value));
  if (Number.isNaN(day.getTime())) throw new DomainError("invalid");
  const iso = day.toISOString().slice(0, 10);
  const date = sql`(${column} at time zone 'UTC')::date`;
  if (operator === "<") return sql`${date} < ${iso}::date`;
  if (operator === ">=") return sql`${date} >= ${iso}::date`;
  return sql`${date} = ${iso}::date`;
}

function header(name: string, value: unknown): SQL {
  const pattern = like(value);
  switch (name) {
    case "from":
      return or(sql`${messages.fromAddress} ilike ${pattern}`, sql`${messages.fromName} ilike ${pattern}`)!;
    case "to":
      return sql`${messages.toList}::text ilike ${pattern}`;
    case "cc":
      return sql`${messages.ccList}::text ilike ${pattern}`;
    case "bcc":
      return sql`${messages.bccList}::text ilike ${pattern}`;
    case "subject":
      return sql`${messages.subject} ilike ${pattern}`;
    case "message-id":
      return sql`coalesce(${messages.messageIdHeader}, '') ilike ${pattern}`;
    default:
      throw new DomainError("unsupportedSearch");
  }
}

function term(t: SearchTerm | SearchTerm[], depth: number, reader: Reader | null): SQL {
  if (depth > MAX_DEPTH) throw new DomainError("invalid");
  const inner = (p: SearchTerm | SearchTerm[]) => term(p, depth + 1, reader);
  if (Array.isArray(t)) return and(...t.map(inner)) ?? sql`true`;
  switch (t.key) {
    case "all":
    case "charset":
      return sql`true`;
    case "flag": {
      const flag = String(t.value ?? "");
      if (flag.toLowerCase() === "\\recent") return t.exists ? sql`false` : sql`true`;
      const { columns, keywords } = parseFlags([flag]);
      const has =
        columns[0] === "seen"
          ? seenBy(reader)
          : columns[0]
            ? eq(messages[columns[0]], true)
            : keywords[0]
              ? sql`${keywords[0]} = any(${messages.keywords})`
              : sql`false`;
      return t.exists ? has : not(has);
    }
    case "uid": {
      const uids = (Array.isArray(t.value) ? t.value : []).map(Number).filter(Number.isInteger);
      return uids.length ? sql`${messages.uid} = any(${`{${uids.join(",")}}`}::int[])` : sql`false`;
    }
    case "size": {
      const n = Number(t.value) || 0;
      if (t.operator === "<") return sql`${messages.sizeBytes} < ${n}`;
      if (t.operator === ">") return sql`${messages.sizeBytes} > ${n}`;
      return sql`${messages.sizeBytes} = ${n}`;
    }
    case "internaldate":
      return dateCompare(sql`${messages.receivedAt}`, t.operator, t.value);
    case "date":
      return dateCompare(sql`coalesce(${messages.sentAt}, ${messages.receivedAt})`, t.operator, t.value);
    case "header":
      return header(String(t.header ?? ""), t.value);
    case "text":
    case "body":
      return searchCondition(String(t.value ?? "")) ?? sql`true`;
    case "not":
      return not(inner(t.value as SearchTerm));
    case "or": {
      const parts = (Array.isArray(t.value) ? t.value : []) as SearchTerm[];
      return or(...parts.map(inner)) ?? sql`false`;
    }
    default:
      throw new DomainError("unsupportedSearch");
  }
}

/** All criteria must hold (IMAP's implicit AND); \Seen is the reader's own where read state is per person. */
export function searchWhere(query: SearchTerm[], reader: Reader | null = null): SQL {
  return and(...query.map((t) => term(t, 0, reader))) ?? sql`true`;
}
