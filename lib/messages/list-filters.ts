import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { messages } from "@/db/schema";
import type { ListFilter } from "./list-filter-names";
import { seenBy, type Reader } from "./read-state";

/**
 * The condition of a filter on `messages`. PostgreSQL reads `seen = false` as `not seen` and
 * `flagged = true` as `flagged`, the predicates of the partial indexes messages_folder_unread and
 * messages_folder_flagged: a folder's few unread or flagged messages are read from them, newest
 * first, without its other rows. Where read state is per person, unread is the reader's own (no index:
 * the folder's rows are read newest first until the page is full).
 */
export function listFilterCondition(filter: ListFilter, reader: Reader | null = null): SQL {
  switch (filter) {
    case "unread":
      return reader ? sql`not ${seenBy(reader)}` : eq(messages.seen, false);
    case "flagged":
      return eq(messages.flagged, true);
    case "attachments":
      return eq(messages.hasAttachments, true);
  }
}
