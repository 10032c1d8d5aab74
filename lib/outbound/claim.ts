import "server-only";
import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, outboundMessages, outboundRecipients } from "@/db/schema";
import { dbClock } from "./clock";

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
 * until the lease runs out. "Now" is the database's clock (lib/outbound/clock.ts), moved by
 * `shiftMs` in tests only: a worker whose own clock is wrong neither takes a live lease nor waits
 * past a due row.
 */
export async function claimDue(db: Db, workerId: string, leaseMs: number, limit: number, shiftMs = 0): Promise<Claim> {
  const now = dbClock(shiftMs);
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
      .set({ claimedUntil: sql`${now} + ${leaseMs} * interval '1 millisecond'`, claimedBy: workerId })
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
