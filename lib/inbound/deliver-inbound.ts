import "server-only";
import { and, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders } from "@/db/schema";
import { warnIfCrossed } from "@/lib/delivery/deliver";
import { withTransactionRetry } from "@/lib/delivery/retry";
import { storeMessage, type Copy } from "@/lib/messages/store-message";
import type { Listing } from "@/lib/mime/parse-listing";
import { chargeQuota, warningOutOfStep } from "@/lib/quota/charge";
import { DEFAULT_THRESHOLDS, thresholdsOf } from "@/lib/quota/thresholds";
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
 * Stores a message received from outside (R14) in one transaction: each recipient's quota charged
 * atomically (accounts locked in id order, so concurrent deliveries queue and never overshoot), one
 * raw copy per organisation, one listing row per mailbox in its Inbox (or Junk Email). All or
 * nothing: if one mailbox cannot take the message any more (it filled since RCPT), the whole
 * transaction rolls back and MailboxFullError is thrown, so the listener answers 452 4.2.2 and the
 * sender tries again later. Returns when the transaction has committed.
 */
export async function deliverInbound(db: Db, input: InboundDelivery): Promise<{ messageIds: string[] }> {
  const unique = [...new Map(input.recipients.map((m) => [m.id, m])).values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  if (unique.length === 0) return { messageIds: [] };
  const kind = input.junk ? "junk" : "inbox";
  const size = input.raw.length;
  return withTransactionRetry(() =>
    db.transaction(async (tx) => {
      const [thresholds, folderRows] = await Promise.all([
        thresholdsOf(
          tx,
          unique.map((m) => m.orgId),
        ),
        tx
          .select({ id: folders.id, accountId: folders.accountId, kind: folders.kind })
          .from(folders)
          .where(
            and(
              inArray(
                folders.accountId,
                unique.map((m) => m.id),
              ),
              inArray(folders.kind, ["inbox", kind]),
            ),
          ),
      ]);
      const folderOf = (m: InboundMailbox, k: "inbox" | "junk") => {
        const row = folderRows.find((f) => f.accountId === m.id && f.kind === k);
        if (!row) throw new Error(`mailbox ${m.address} has no ${k} folder`);
        return row.id;
      };
      const limits = (orgId: string) => thresholds.get(orgId) ?? DEFAULT_THRESHOLDS;
      const charges = await Promise.all(
        unique.map((m) => chargeQuota(tx, m.orgId, m.id, size, limits(m.orgId).receiveBlockPercent)),
      );
      const byOrg = new Map<string, Copy[]>();
      const warn: InboundMailbox[] = [];
      const now = new Date();
      for (const [i, mailbox] of unique.entries()) {
        const after = charges[i];
        if (!after) throw new MailboxFullError(mailbox.address);
        if (warningOutOfStep(after, limits(mailbox.orgId).warnPercent)) warn.push(mailbox);
        const copy: Copy = { accountId: mailbox.id, folderId: folderOf(mailbox, kind), receivedAt: now };
        byOrg.set(mailbox.orgId, [...(byOrg.get(mailbox.orgId) ?? []), copy]);
      }
      const messageIds: string[] = [];
      for (const [orgId, copies] of byOrg) {
        const stored = await storeMessage(tx, orgId, input.raw, input.listing, copies);
        messageIds.push(...stored.messageIds);
      }
      for (const mailbox of warn) await warnIfCrossed(tx, mailbox, folderOf(mailbox, "inbox"), limits(mailbox.orgId));
      return { messageIds };
    }),
  );
}
