import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, outboundMessages, outboundRecipients } from "@/db/schema";
import { DomainError } from "@/lib/errors";

/**
 * Refuses a send that would take a mailbox past its organisation's hourly limit of recipients
 * outside the installation, or a message larger than the outbound limit — with a message saying which.
 */
export async function refuseOverOutboundLimits(
  db: Db,
  mailbox: { id: string; orgId: string; address: string },
  external: number,
  sizeBytes: number,
  maxSizeBytes: number,
  now = new Date(),
): Promise<void> {
  if (external === 0) return;
  if (sizeBytes > maxSizeBytes) {
    throw new DomainError(
      "outboundTooLarge",
      { to: ["outboundTooLarge"] },
      { limit: Math.floor(maxSizeBytes / 1024 / 1024) },
    );
  }
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const [[org], [sent]] = await Promise.all([
    db.select({ limit: organizations.sendLimitPerHour }).from(organizations).where(eq(organizations.id, mailbox.orgId)),
    db
      .select({ n: count() })
      .from(outboundRecipients)
      .innerJoin(
        outboundMessages,
        and(
          eq(outboundMessages.orgId, outboundRecipients.orgId),
          eq(outboundMessages.id, outboundRecipients.messageId),
        ),
      )
      .where(
        and(
          eq(outboundMessages.orgId, mailbox.orgId),
          eq(outboundMessages.accountId, mailbox.id),
          gt(outboundMessages.createdAt, hourAgo),
        ),
      ),
  ]);
  const limit = org?.limit ?? 0;
  if ((sent?.n ?? 0) + external > limit) {
    throw new DomainError(
      "sendLimitReached",
      { to: ["sendLimitReached"] },
      { address: mailbox.address, limit, left: Math.max(0, limit - (sent?.n ?? 0)) },
    );
  }
}
