import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { messages } from "@/db/schema";

/** IMAP system flags and the message columns that hold them; anything else is a keyword. */
export const SYSTEM_FLAGS = {
  "\\Seen": "seen",
  "\\Flagged": "flagged",
  "\\Answered": "answered",
  "\\Draft": "isDraft",
  "\\Deleted": "deleted",
} as const;

type SystemFlag = keyof typeof SYSTEM_FLAGS;
type FlagColumn = (typeof SYSTEM_FLAGS)[SystemFlag];
export type FlagState = Record<FlagColumn, boolean> & { keywords: string[] };

export const MAX_KEYWORDS = 64;
const KEYWORD = /^[!#$%&'+\-.0-9A-Z^_`a-z|~]{1,64}$/;

const systemFlag = (flag: string): SystemFlag | undefined =>
  (Object.keys(SYSTEM_FLAGS) as SystemFlag[]).find((f) => f.toLowerCase() === flag.toLowerCase());

export function flagsOf(state: FlagState): string[] {
  const flags = (Object.entries(SYSTEM_FLAGS) as [SystemFlag, FlagColumn][])
    .filter(([, column]) => state[column])
    .map(([flag]) => flag);
  return [...flags, ...state.keywords];
}

/** Splits client flags into system columns and valid keywords (\Recent and unknown \-flags dropped). */
export function parseFlags(flags: string[]): { columns: FlagColumn[]; keywords: string[] } {
  const columns: FlagColumn[] = [];
  const keywords: string[] = [];
  for (const flag of flags) {
    const system = systemFlag(flag);
    if (system) columns.push(SYSTEM_FLAGS[system]);
    else if (KEYWORD.test(flag) && !keywords.includes(flag)) keywords.push(flag);
  }
  return { columns, keywords: keywords.slice(0, MAX_KEYWORDS) };
}

const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** The SET clause of a STORE: `set` replaces, `add` and `remove` change the named flags only. */
export function storeSet(action: "set" | "add" | "remove", flags: string[]): Record<string, SQL | boolean> {
  const { columns, keywords } = parseFlags(flags);
  const set: Record<string, SQL | boolean> = {};
  for (const column of Object.values(SYSTEM_FLAGS)) {
    if (action === "set") set[column] = columns.includes(column);
    else if (columns.includes(column)) set[column] = action === "add";
  }
  const list = textArray(keywords);
  if (action === "set") set.keywords = keywords.length ? list : sql`'{}'::text[]`;
  else if (keywords.length && action === "add") {
    set.keywords = sql`array(select distinct k from unnest(${messages.keywords} || ${list}) k order by k)`;
  } else if (keywords.length) {
    set.keywords = sql`array(select k from unnest(${messages.keywords}) k where k <> all(${list}))`;
  }
  return set;
}
