import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, messageContents, messages } from "@/db/schema";

/**
 * Deletes a mailbox row and everything that is its own. Its messages go first, in one statement
 * with the raw contents that no other mailbox still references (contents are shared per
 * organisation and have no cascade). Folders, delegations on it and by it, and folder links to
 * it and of it then go with the account row, by the foreign keys' cascades. No authorization
 * here: callers check and lock inside the same transaction. Returns how many messages went, so
 * the caller can refresh the planner's statistics once it has committed (analyzeAfterBulkWrite).
 */
export async function deleteMailbox(tx: Db, orgId: string, accountId: string): Promise<{ messages: number }> {
  const result = (await tx.execute(sql`
    with gone as (
      delete from ${messages}
      where ${messages.orgId} = ${orgId} and ${messages.accountId} = ${accountId}
      returning ${messages.contentId}
    ), contents as (
      delete from ${messageContents} c
      where c.org_id = ${orgId}
        and c.id in (select content_id from gone)
        and not exists (
          select 1 from ${messages} m
          where m.org_id = ${orgId} and m.content_id = c.id and m.account_id <> ${accountId}
        )
    )
    select count(*)::int as n from gone`)) as unknown as { rows: { n: number }[] } | { n: number }[];
  await tx.delete(accounts).where(and(eq(accounts.orgId, orgId), eq(accounts.id, accountId)));
  const rows = Array.isArray(result) ? result : result.rows;
  return { messages: Number(rows[0]?.n ?? 0) };
}
