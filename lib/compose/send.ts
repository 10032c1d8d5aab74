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
import { buildMessage } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import type { DeliveryFailure } from "@/lib/mime/report";
import { percentUsed, quotaLevel, thresholdsOf, DEFAULT_THRESHOLDS } from "@/lib/quota/thresholds";
import { collectAttachments } from "./attachments";
import { removeDraftInTx } from "./drafts";
import { resolveFrom } from "./from";
import { parseRecipientFields, refuseExternal, type ComposeInput } from "./recipient-fields";
import { loadComposeSource, type ComposeSource } from "./original-message";

export type SendResult = {
  /** The Message-ID header. */
  messageId: string;
  /** The actor's own Sent copy (what the confirmation page shows). */
  sentCopyId: string;
  from: string;
  delivered: string[];
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
 * Sends a message (R5, R6, R10, R11, R13): checks the From right (a forged From is refused and
 * audited), refuses external recipients and a mailbox over its send limit, builds real MIME, then
 * in ONE transaction stores the Sent copies (the actor's, and the From mailbox's when it keeps
 * them), delivers to every local Inbox with its quota, reports failures to the actor, marks the
 * original answered, removes the draft and records "send.as" / "send.onBehalf".
 */
export async function sendMessage(db: Db, actor: Actor, input: ComposeInput): Promise<SendResult> {
  const fields = parseRecipientFields(input, true);
  const from = await resolveFrom(db, actor, input.from, { auditRefusal: true });
  const everyone = [...fields.to, ...fields.cc, ...fields.bcc].map((m) => m.address);
  const recipients = await classifyRecipients(db, everyone);
  refuseExternal(fields, recipients.external);

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
  const sentCopyId = result.sentCopyIds[own.id];
  if (!sentCopyId) throw new Error("the sender's Sent copy was not stored");
  return {
    messageId,
    sentCopyId,
    from: from.mailbox.address,
    delivered: result.delivered,
    failed: result.failed,
    sentCopies: holders.map((m) => m.address),
  };
}
