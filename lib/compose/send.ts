import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { domainOf } from "@/lib/mime/addresses";
import { buildMessage } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import type { DeliveryFailure } from "@/lib/mime/report";
import { collectAttachments } from "./attachments";
import { composeBody } from "./body";
import { commitDispatch, prepareDispatch } from "./dispatch";
import { removeDraftInTx } from "./drafts";
import { resolveFrom } from "./from";
import { parseRecipientFields, type ComposeInput } from "./recipient-fields";
import { loadComposeSource, type ComposeSource } from "./original-message";
import { recordAnswer } from "@/lib/replies/answered";

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
 * answered (a shared mailbox's: refused if someone else replied in the conversation since the form
 * was opened, lib/replies/double-reply.ts; an unassigned conversation becomes the replier's),
 * removes the draft and records "send.as" / "send.onBehalf".
 */
export async function sendMessage(db: Db, actor: Actor, input: ComposeInput): Promise<SendResult> {
  const fields = parseRecipientFields(input, true);
  const from = await resolveFrom(db, actor, input.from, { auditRefusal: true });
  const everyone = [...fields.to, ...fields.cc, ...fields.bcc].map((m) => m.address);
  const dispatch = await prepareDispatch(db, actor, from, everyone);

  const original = input.replyOf ? await loadComposeSource(db, actor, input.replyOf) : null;
  const draft = input.draftId ? await loadComposeSource(db, actor, input.draftId) : null;
  if (draft && !draft.isDraft) throw new DomainError("notFound");
  const attachments = await collectAttachments(db, actor, input);
  const body = await composeBody(db, input, from.mailbox);

  const fromDomain = domainOf(from.mailbox.address);
  const messageId = `<${randomUUID()}@${fromDomain}>`;
  const raw = await buildMessage({
    from: { name: from.mailbox.displayName, address: from.mailbox.address },
    sender: from.mode === "onBehalf" ? { name: actor.displayName, address: actor.address } : undefined,
    to: fields.to,
    cc: fields.cc,
    bcc: fields.bcc,
    subject: input.subject,
    text: body.text,
    html: body.html,
    attachments,
    messageId,
    ...threadOf(original),
  });
  const listing = await parseListing(raw);

  const result = await commitDispatch(
    db,
    actor,
    dispatch,
    { raw, listing, messageId, bcc: fields.bcc, recipientCount: everyone.length },
    async (tx) => {
      if (original) {
        const reply = { openedAt: input.openedAt ?? null, sendAnyway: input.sendAnyway ?? false };
        await recordAnswer(tx, actor, original, reply);
      }
      if (draft && !(await removeDraftInTx(tx, draft.mailbox.orgId, draft.id))) {
        // An autosave of this draft committed while the delete waited for its row: it was stored
        // again under the same id, which a second statement (a new snapshot) sees and removes.
        await removeDraftInTx(tx, draft.mailbox.orgId, draft.id);
      }
    },
  );
  const sentCopyId = result.sentCopyIds[dispatch.own.id];
  if (!sentCopyId) throw new Error("the sender's Sent copy was not stored");
  return {
    messageId,
    sentCopyId,
    from: from.mailbox.address,
    delivered: result.delivered,
    queued: result.queued,
    failed: result.failed,
    sentCopies: dispatch.holders.map((m) => m.address),
  };
}
