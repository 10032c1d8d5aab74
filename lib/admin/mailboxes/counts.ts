import "server-only";
import { sql } from "drizzle-orm";

/*
 * Correlated subqueries for a select from `accounts`. Written with explicit aliases: Drizzle
 * renders a column of the queried table unqualified, which inside a subquery would resolve to
 * the subquery's own table.
 */

/** The number of delegations on the mailbox (index delegations_pair_unique). */
export const delegateCount = () =>
  sql<number>`(select count(*) from delegations d where d.org_id = "accounts"."org_id" and d.mailbox_id =
    "accounts"."id")`.mapWith(Number);

/** The number of messages in the mailbox, from the folders' maintained counters. */
export const messageCount = () =>
  sql<number>`(select coalesce(sum(f.total_count), 0) from folders f where f.org_id = "accounts"."org_id" and
    f.account_id = "accounts"."id")`.mapWith(Number);
