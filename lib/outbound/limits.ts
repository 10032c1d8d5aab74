import "server-only";
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, outboundMessages, outboundRecipients } from "@/db/schema";
import { DomainError } from "@/lib/errors";

/** Refuses a message larger than the outbound limit for outside recipients, saying the limit. */
export function refuseOverOutboundSize(external: number, sizeBytes: number, maxSizeBytes: number): void {
  if (external === 0 || sizeBytes <= maxSizeBytes) return;
  throw new DomainError(
    "outboundTooLarge",
    { to: ["outboundTooLarge"] },
    { limit: Math.floor(maxSizeBytes / 1024 / 1024) },
  );
}

/**
 * Refuses, inside the send transaction, a send that would take a mailbox past its organisation's
 * hourly limit of recipients outside the installation, saying how many are left. The count is exact
 * under concurrency: a transaction-scoped advisory lock on the sending mailbox makes its external
 * sends take turns from here to their commit, and each counts the rows of those committed before it
 * (READ COMMITTED: the count statement starts after the lock is held). Sends with no external
 * recipient never take the lock. The caller enqueues in the same transaction.
 */
export async function refuseOverHourlyLimitInTx(
  tx: Db,
  mailbox: { id: string; orgId: string; address: string },
  external: number,
  now = new Date(),
): Promise<void> {
  if (external === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`outbound-limit:${mailbox.id}`}, 0))`);
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const [org] = await tx
    .select({ limit: organizations.sendLimitPerHour })
    .from(organizations)
    .where(eq(organizations.id, mailbox.orgId));
  const [sent] = await tx
    .select({ n: count() })
    .from(outboundRecipients)
    .innerJoin(
      outboundMessages,
      and(eq(outboundMessages.orgId, outboundRecipients.orgId), eq(outboundMessages.id, outboundRecipients.messageId)),
    )
    .where(
      and(
        eq(outboundMessages.orgId, mailbox.orgId),
        eq(outboundMessages.accountId, mailbox.id),
        gt(outboundMessages.createdAt, hourAgo),
      ),
    );
  const limit = org?.limit ?? 0;
  const already = sent?.n ?? 0;
  if (already + external > limit) {
    throw new DomainError(
      "sendLimitReached",
      { to: ["sendLimitReached"] },
      { address: mailbox.address, limit, left: Math.max(0, limit - already) },
    );
  }
}
