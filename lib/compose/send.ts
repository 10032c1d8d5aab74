import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { getMailboxAccess, type AccessibleMailbox } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { deliverInTx } from "@/lib/delivery/deliver";
import { classifyRecipients, type DeliveryMailbox } from "@/lib/delivery/recipients";
import { withTransactionRetry } from "@/lib/delivery/retry";
import { DomainError } from "@/lib/errors";
import { domainOf } from "@/lib/mime/addresses";
import { outboundConfigFromEnv } from "@/lib/outbound/config";
import { enqueueInTx } from "@/lib/outbound/enqueue";
import { refuseOverOutboundLimits } from "@/lib/outbound/limits";
import { wakeOutbound } from "@/lib/outbound/wake";
import { buildMessage } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import type { DeliveryFailure } from "@/lib/mime/report";
import { percentUsed, quotaLevel, thresholdsOf, DEFAULT_THRESHOLDS } from "@/lib/quota/thresholds";
import { collectAttachments } from "./attachments";
import { removeDraftInTx } from "./drafts";
import { resolveFrom } from "./from";
import { parseRecipientFields, type ComposeInput } from "./input";
import { loadComposeSource, type ComposeSource } from "./source";

export type SendResult = {
  /** The Message-ID header. */
  messageId: string;
  /** The actor's own Sent copy (what the confirmation page shows). */
  sentCopyId: string;
  from: string;
  delivered: string[];
  /** Recipients outside the installation, put on the outbound queue. */
  queued: string[];
  failed: DeliveryFailure[];
  /** The mailboxes that keep a copy in their Sent Items. */
  sentCopies: string[];
};

const asDelivery = (m: AccessibleMailbox): DeliveryMailbox => ({
  id: m.id,
  orgId: m.orgId,
  address: m.address,
  displayName: m.displayName,
});

/** Refuses to send from a mailbox at or above its organisation's send limit (R10), with a clear message. */
async function refuseIfSendBlocked(db: Db, holders: AccessibleMailbox[]): Promise<void> {
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
}

/** Thread headers of a reply (RFC 5322 §3.6.4). */
function threadOf(original: ComposeSource | null): { inReplyTo?: string; references?: string[] } {
  if (!original?.messageId) return {};
  return { inReplyTo: original.messageId, references: [...original.references, original.messageId].slice(-20) };
}

/**
 * Sends a message (R5, R6, R10, R11, R13, R15): checks the From right (a forged From is refused and
 * audited), a mailbox over its send limit and the outbound limits, builds real MIME, then in ONE
 * transaction stores the Sent copies (the actor's, and the From mailbox's when it keeps them),
 * delivers to every local Inbox with its quota, reports failures to the actor, puts the external
 * recipients on the outbound queue (envelope sender: the From mailbox), marks the original
 * answered, removes the draft and records "send.as" / "send.onBehalf".
 */
export async function sendMessage(db: Db, actor: Actor, input: ComposeInput): Promise<SendResult> {
  const fields = parseRecipientFields(input, true);
  const from = await resolveFrom(db, actor, input.from, { auditRefusal: true });
  const everyone = [...fields.to, ...fields.cc, ...fields.bcc].map((m) => m.address);
  const recipients = await classifyRecipients(db, everyone);

  const ownAccess = from.own ? null : await getMailboxAccess(db, actor, { id: actor.id });
  const own = from.own ? from.mailbox : ownAccess?.mailbox;
  if (!own) throw new DomainError("notFound");
  const holders = from.own ? [own] : from.mailbox.saveSentCopy ? [own, from.mailbox] : [own];
  await refuseIfSendBlocked(db, holders);

  const original = input.replyOf ? await loadComposeSource(db, actor, input.replyOf) : null;
  const draft = input.draftId ? await loadComposeSource(db, actor, input.draftId) : null;
  if (draft && !draft.isDraft) throw new DomainError("notFound");
  const attachments = await collectAttachments(db, actor, input);

  const fromDomain = domainOf(from.mailbox.address);
  const messageId = `<${randomUUID()}@${fromDomain}>`;
  const raw = await buildMessage({
    from: { name: from.mailbox.displayName, address: from.mailbox.address },
    sender: from.mode === "onBehalf" ? { name: actor.displayName, address: actor.address } : undefined,
    to: fields.to,
    cc: fields.cc,
    bcc: fields.bcc,
    subject: input.subject,
    text: input.body,
    attachments,
    messageId,
    ...threadOf(original),
  });
  const listing = await parseListing(raw);
  const external = recipients.external;
  if (external.length > 0) {
    const { maxSizeBytes } = outboundConfigFromEnv();
    await refuseOverOutboundLimits(db, from.mailbox, external.length, raw.length, maxSizeBytes);
  }

  const result = await withTransactionRetry(() =>
    db.transaction(async (tx) => {
      const delivery = await deliverInTx(tx, {
        raw,
        listing,
        sentCopies: holders.map(asDelivery),
        bcc: fields.bcc,
        recipients: recipients.local,
        unknown: recipients.unknown,
        reportTo: asDelivery(own),
        reportingDomain: domainOf(actor.address),
      });
      if (external.length > 0) {
        const contentId = delivery.contentIds[from.mailbox.orgId];
        if (!contentId) throw new Error("the Sent copy's content was not stored");
        await enqueueInTx(tx, {
          orgId: from.mailbox.orgId,
          accountId: from.mailbox.id,
          mailFrom: from.mailbox.address,
          contentId,
          messageIdHeader: messageId,
          subject: listing.subject,
          raw,
          recipients: external,
        });
      }
      if (original) {
        await tx
          .update(messages)
          .set({ answered: true })
          .where(and(eq(messages.orgId, original.mailbox.orgId), eq(messages.id, original.id)));
      }
      if (draft) await removeDraftInTx(tx, draft.mailbox.orgId, draft.id);
      if (!from.own) {
        await recordAudit(tx, {
          orgId: actor.orgId,
          actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
          mailbox: { id: from.mailbox.id, address: from.mailbox.address },
          action: from.mode === "as" ? "send.as" : "send.onBehalf",
          details: {
            messageId,
            subject: listing.subject,
            recipients: everyone.length,
            sentCopyInMailbox: holders.length > 1,
          },
        });
      }
      return delivery;
    }),
  );
  if (external.length > 0) wakeOutbound();
  const sentCopyId = result.sentCopyIds[own.id];
  if (!sentCopyId) throw new Error("the sender's Sent copy was not stored");
  return {
    messageId,
    sentCopyId,
    from: from.mailbox.address,
    delivered: result.delivered,
    queued: external,
    failed: result.failed,
    sentCopies: holders.map((m) => m.address),
  };
}
