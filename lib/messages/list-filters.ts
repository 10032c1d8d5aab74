import "server-only";
import { eq, type AnyColumn, type SQL } from "drizzle-orm";
import { messages } from "@/db/schema";
import type { ListFilter } from "./list-filter-names";

/**
 * The condition of a filter on `messages`. PostgreSQL reads `seen = false` as `not seen` and
 * `flagged = true` as `flagged`, the predicates of the partial indexes messages_folder_unread and
 * messages_folder_flagged: a folder's few unread or flagged messages are read from them, newest
 * first, without its other rows. `table` is `messages` or an alias of it (a correlated subquery's).
 */
export function listFilterCondition(
  filter: ListFilter,
  table: Record<"seen" | "flagged" | "hasAttachments", AnyColumn> = messages,
): SQL {
  switch (filter) {
    case "unread":
      return eq(table.seen, false);
    case "flagged":
      return eq(table.flagged, true);
    case "attachments":
      return eq(table.hasAttachments, true);
  }
}
