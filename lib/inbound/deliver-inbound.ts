import "server-only";
import type { Db } from "@/db/client";
import { planDelivery, plannedCopy, recordAutomationJobs } from "@/lib/automation/at-delivery";
import { warnIfCrossed } from "@/lib/delivery/deliver";
import { withTransactionRetry } from "@/lib/transactions/retry-on-conflict";
import { storeMessage, type Copy } from "@/lib/messages/store-message";
import { reopenOnNewMail } from "@/lib/conversations/triage";
import type { Listing } from "@/lib/mime/parse-listing";
import { warningOutOfStep } from "@/lib/quota/charge";
import { claimReservations, refundReservations, reserveQuota, withReservations } from "@/lib/quota/reserve";
import type { InboundMailbox } from "./resolve-recipient";

export type InboundDelivery = {
  /** The message as it will be kept: trace headers, then the received bytes unchanged. */
  raw: Buffer;
  listing: Listing;
  /** The accepted recipients' mailboxes (an alias and its mailbox named together count once). */
  recipients: InboundMailbox[];
  /** DMARC said quarantine: the copies go to Junk Email instead of the Inbox. */
  junk: boolean;
};

/** A recipient accepted at RCPT can no longer take the message: nothing was stored, the sender retries. */
export class MailboxFullError extends Error {
  constructor(readonly address: string) {
    super(`mailbox ${address} is full`);
    this.name = "MailboxFullError";
  }
}

/**
 * Stores a message received from outside (R14): each recipient's quota reserved first, one short
 * statement per mailbox (lib/quota/reserve.ts: the check and the raise are atomic, so concurrent
 * deliveries never overshoot, and the account row is not held while the message is stored); then
 * one transaction claims the reservations and stores one raw copy per organisation and one listing
 * row per mailbox in its Inbox (or Junk Email). All or nothing: if one mailbox cannot take the
 * message any more (it filled since RCPT), the reservations taken are given back and
 * MailboxFullError is thrown, so the listener answers 452 4.2.2 and the sender tries again later;
 * a failed transaction gives them back too. Returns when the transaction has committed.
 */
export async function deliverInbound(db: Db, input: InboundDelivery): Promise<{ messageIds: string[]; jobs: number }> {
  const unique = [...new Map(input.recipients.map((m) => [m.id, m])).values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  if (unique.length === 0) return { messageIds: [], jobs: 0 };
  const size = input.raw.length;
  const now = new Date();
  // Junk gets no rules and no automatic reply; the plan is read before any quota is reserved.
  const plans = await planDelivery(db, input.junk ? [] : unique, input.listing, now);
  const byOrg = new Map<string, Copy[]>();
  for (const m of unique) {
    const placed = input.junk ? { folderId: m.junkId } : plannedCopy(plans, m.id, m.inboxId);
    const copy: Copy = { accountId: m.id, ...placed, receivedAt: now };
    byOrg.set(m.orgId, [...(byOrg.get(m.orgId) ?? []), copy]);
  }
  const reservations = await Promise.all(
    unique.map((m) => reserveQuota(db, m.orgId, m.id, size, m.receiveBlockPercent)),
  );
  const ids = reservations.flatMap((r) => (r ? [r.id] : []));
  const full = unique.find((_, i) => !reservations[i]);
  if (full) {
    await refundReservations(db, ids);
    throw new MailboxFullError(full.address);
  }
  return withReservations(db, ids, () =>
    withTransactionRetry(() =>
      db.transaction(async (tx) => {
        const claiming = claimReservations(tx, ids);
        const storing = Promise.all(
          [...byOrg].map(([orgId, copies]) => storeMessage(tx, orgId, input.raw, input.listing, copies)),
        );
        const [, stored] = await Promise.all([claiming, storing]);
        // A customer's new message reopens a conversation the team had marked done.
        for (const [i, orgId] of [...byOrg.keys()].entries()) await reopenOnNewMail(tx, orgId, stored[i]!.messageIds);
        for (const [i, mailbox] of unique.entries()) {
          if (warningOutOfStep(reservations[i]!, mailbox.warnPercent)) {
            const { warnPercent, sendBlockPercent, receiveBlockPercent } = mailbox;
            await warnIfCrossed(tx, mailbox, mailbox.inboxId, { warnPercent, sendBlockPercent, receiveBlockPercent });
          }
        }
        const contentOf = new Map([...byOrg.keys()].map((orgId, i) => [orgId, stored[i]!.contentId]));
        const jobs = await recordAutomationJobs(
          tx,
          plans,
          unique.map((m) => ({ accountId: m.id, orgId: m.orgId, contentId: contentOf.get(m.orgId)! })),
        );
        return { messageIds: stored.flatMap((s) => s.messageIds), jobs };
      }),
    ),
  );
}
