import "server-only";
import { eq, type SQL } from "drizzle-orm";
import { messages } from "@/db/schema";
import type { ListFilter } from "./list-filter-names";

/**
 * The condition of a filter on `messages`. PostgreSQL reads `seen = false` as `not seen` and
 * `flagged = true` as `flagged`, the predicates of the partial indexes messages_folder_unread and
 * messages_folder_flagged: a folder's few unread or flagged messages are read from them, newest
 * first, without its other rows.
 */
export function listFilterCondition(filter: ListFilter): SQL {
  switch (filter) {
    case "unread":
      return eq(messages.seen, false);
    case "flagged":
      return eq(messages.flagged, true);
    case "attachments":
      return eq(messages.hasAttachments, true);
  }
}
