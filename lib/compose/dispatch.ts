import "server-only";
import type { Db } from "@/db/client";
import type { Mailbox } from "@/db/schema";
import { getMailboxAccess, type AccessibleMailbox } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { deliverInTx, prepareDelivery, type DeliveryResult } from "@/lib/delivery/deliver";
import { classifyRecipients, type ClassifiedRecipients, type DeliveryMailbox } from "@/lib/delivery/recipients";
import { withTransactionRetry } from "@/lib/transactions/retry-on-conflict";
import { DomainError } from "@/lib/errors";
import { domainOf } from "@/lib/mime/addresses";
import type { Listing } from "@/lib/mime/parse-listing";
import { outboundConfigFromEnv } from "@/lib/outbound/config";
import { enqueueInTx } from "@/lib/outbound/enqueue";
import { refuseOverHourlyLimitInTx, refuseOverOutboundSize } from "@/lib/outbound/limits";
import { wakeOutbound } from "@/lib/outbound/wake";
import { withReservations } from "@/lib/quota/reserve";
import { percentUsed, quotaLevel, thresholdsOf, DEFAULT_THRESHOLDS, type Thresholds } from "@/lib/quota/thresholds";
import type { ResolvedFrom } from "./from";

const asDelivery = (m: AccessibleMailbox): DeliveryMailbox => ({
  id: m.id,
  orgId: m.orgId,
  address: m.address,
  displayName: m.displayName,
});

/**
 * Refuses to send from a mailbox at or above its organisation's send limit (R10), with a clear
 * message; returns the thresholds it read (the delivery does not read them again).
 */
async function refuseIfSendBlocked(db: Db, holders: AccessibleMailbox[]): Promise<Map<string, Thresholds>> {
  const thresholds = await thresholdsOf(
    db,
    holders.map((m) => m.orgId),
  );
  for (const m of holders) {
    const t = thresholds.get(m.orgId) ?? DEFAULT_THRESHOLDS;
    const level = quotaLevel(m.usedBytes, m.quotaBytes, t);
    if (level === "sendBlocked" || level === "full") {
      throw new DomainError(
        "sendBlockedQuota",
        { from: ["sendBlockedQuota"] },
        { address: m.address, percent: percentUsed(m.usedBytes, m.quotaBytes) },
      );
    }
  }
  return thresholds;
}

export type Dispatch = {
  from: ResolvedFrom;
  recipients: ClassifiedRecipients;
  /** The actor's own mailbox (their Sent copy, their reports). */
  own: AccessibleMailbox;
  /** The mailboxes keeping a Sent copy. */
  holders: AccessibleMailbox[];
  /** Their organisations' quota thresholds, read for the send block. */
  thresholds: ReadonlyMap<string, Thresholds>;
};

/**
 * What every door (webmail, submission) checks before building or accepting a message: where the
 * recipients are, who keeps a Sent copy (R6), and the send blocks (R10 quota).
 */
export async function prepareDispatch(
  db: Db,
  actor: Actor,
  from: ResolvedFrom,
  addresses: string[],
): Promise<Dispatch> {
  const recipients = await classifyRecipients(db, addresses);
  const ownAccess = from.own ? null : await getMailboxAccess(db, actor, { id: actor.id });
  const own = from.own ? from.mailbox : ownAccess?.mailbox;
  if (!own) throw new DomainError("notFound");
  const holders = from.own ? [own] : from.mailbox.saveSentCopy ? [own, from.mailbox] : [own];
  const thresholds = await refuseIfSendBlocked(db, holders);
  return { from, recipients, own, holders, thresholds };
}

/**
 * Sends a built message, the one way of every door (R5, R6, R10, R11, R13, R15): checks the
 * outbound size, reserves every copy's quota (lib/quota/reserve.ts), then in ONE transaction checks
 * the hourly limit exactly, claims the reservations and stores the Sent copies, delivers to every local Inbox
 * with its quota, reports local failures to the actor, puts the external recipients on the
 * outbound queue (envelope sender: the From mailbox), runs `extra` (answered mark, draft removal)
 * and records "send.as" / "send.onBehalf".
 */
export async function commitDispatch(
  db: Db,
  actor: Actor,
  d: Dispatch,
  message: { raw: Buffer; listing: Listing; messageId: string; bcc: Mailbox[]; recipientCount: number },
  extra?: (tx: Db) => Promise<void>,
): Promise<DeliveryResult & { queued: string[] }> {
  const { from, recipients } = d;
  const external = recipients.external;
  if (external.length > 0) {
    refuseOverOutboundSize(external.length, message.raw.length, outboundConfigFromEnv().maxSizeBytes);
  }
  // The quota first, reserved in short statements of their own (R10), then one transaction.
  const prepared = await prepareDelivery(db, {
    raw: message.raw,
    listing: message.listing,
    sentCopies: d.holders.map(asDelivery),
    bcc: message.bcc,
    recipients: recipients.local,
    unknown: recipients.unknown,
    reportTo: asDelivery(d.own),
    reportingDomain: domainOf(actor.address),
    thresholds: d.thresholds,
  });
  const result = await withReservations(db, prepared.reservationIds, () =>
    withTransactionRetry(() =>
      db.transaction(async (tx) => {
        // first, so that concurrent sends from the mailbox take turns before taking any other lock
        await refuseOverHourlyLimitInTx(tx, from.mailbox, external.length);
        const delivery = await deliverInTx(tx, prepared);
        if (external.length > 0) {
          const contentId = delivery.contentIds[from.mailbox.orgId];
          if (!contentId) throw new Error("the Sent copy's content was not stored");
          await enqueueInTx(tx, {
            orgId: from.mailbox.orgId,
            accountId: from.mailbox.id,
            mailFrom: from.mailbox.address,
            contentId,
            messageIdHeader: message.messageId,
            subject: message.listing.subject,
            raw: message.raw,
            recipients: external,
          });
        }
        await extra?.(tx);
        if (!from.own) {
          await recordAudit(tx, {
            orgId: actor.orgId,
            actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
            mailbox: { id: from.mailbox.id, address: from.mailbox.address },
            action: from.mode === "as" ? "send.as" : "send.onBehalf",
            details: {
              messageId: message.messageId,
              subject: message.listing.subject,
              recipients: message.recipientCount,
              sentCopyInMailbox: d.holders.length > 1,
            },
          });
        }
        return delivery;
      }),
    ),
  );
  if (external.length > 0) wakeOutbound();
  return { ...result, queued: external };
}
