import "server-only";
import { and, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, outboundMessages, outboundRecipients } from "@/db/schema";

export type ClaimedMessage = {
  orgId: string;
  id: string;
  accountId: string;
  accountName: string;
  mailFrom: string;
  subject: string;
  raw: Buffer;
  createdAt: Date;
};

export type ClaimedRecipient = {
  orgId: string;
  id: string;
  messageId: string;
  address: string;
  domain: string;
  attempts: number;
  delayNoticeSent: boolean;
};

export type Claim = { recipients: ClaimedRecipient[]; messages: Map<string, ClaimedMessage> };

/**
 * Takes up to `limit` due recipients for this worker: rows waiting (queued or deferred) whose next
 * attempt has come and that no live lease holds, locked with SKIP LOCKED so that two workers never
 * take the same row, then leased until `now + leaseMs`. A worker that dies keeps its rows only
 * until the lease runs out.
 */
export async function claimDue(db: Db, workerId: string, now: Date, leaseMs: number, limit: number): Promise<Claim> {
  const recipients = await db.transaction(async (tx) => {
    const due = await tx
      .select({ orgId: outboundRecipients.orgId, id: outboundRecipients.id })
      .from(outboundRecipients)
      .where(
        and(
          inArray(outboundRecipients.state, ["queued", "deferred"]),
          lte(outboundRecipients.nextAttemptAt, now),
          or(isNull(outboundRecipients.claimedUntil), lt(outboundRecipients.claimedUntil, now)),
        ),
      )
      .orderBy(outboundRecipients.nextAttemptAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outboundRecipients)
      .set({ claimedUntil: new Date(now.getTime() + leaseMs), claimedBy: workerId })
      .where(
        inArray(
          outboundRecipients.id,
          due.map((r) => r.id),
        ),
      )
      .returning({
        orgId: outboundRecipients.orgId,
        id: outboundRecipients.id,
        messageId: outboundRecipients.messageId,
        address: outboundRecipients.address,
        domain: outboundRecipients.domain,
        attempts: outboundRecipients.attempts,
        delayNoticeSent: outboundRecipients.delayNoticeSent,
      });
  });
  const messages = new Map<string, ClaimedMessage>();
  if (recipients.length === 0) return { recipients, messages };
  const rows = await db
    .select({
      orgId: outboundMessages.orgId,
      id: outboundMessages.id,
      accountId: outboundMessages.accountId,
      accountName: accounts.displayName,
      mailFrom: outboundMessages.mailFrom,
      subject: outboundMessages.subject,
      raw: outboundMessages.raw,
      createdAt: outboundMessages.createdAt,
    })
    .from(outboundMessages)
    .innerJoin(accounts, eq(accounts.id, outboundMessages.accountId))
    .where(inArray(outboundMessages.id, [...new Set(recipients.map((r) => r.messageId))]));
  for (const row of rows) messages.set(row.id, row);
  return { recipients, messages };
}
