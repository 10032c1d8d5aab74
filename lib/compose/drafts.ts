import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders, messageContents, messages } from "@/db/schema";
import { getMailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { withTransactionRetry } from "@/lib/transactions/retry-on-conflict";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { storeMessage } from "@/lib/messages/store-message";
import { domainOf } from "@/lib/mime/addresses";
import { buildMessage } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import { chargeQuota, releaseQuota } from "@/lib/quota/charge";
import { collectAttachments } from "./attachments";
import { resolveFrom } from "./from";
import { parseRecipientFields, type ComposeInput } from "./recipient-fields";
import { composeBody } from "./body";
import { loadComposeSource, REPLY_OF_HEADER, SIGNATURE_HEADER } from "./original-message";
import type { KeptAttachment } from "./prefill";

/**
 * Removes a draft copy and frees its quota; its raw content goes too when no copy refers to it
 * any more. Callers have checked access (Full Access on the draft's mailbox).
 */
export async function removeDraftInTx(tx: Db, orgId: string, messageId: string): Promise<boolean> {
  const [gone] = await tx
    .delete(messages)
    .where(and(eq(messages.orgId, orgId), eq(messages.id, messageId), eq(messages.isDraft, true)))
    .returning({ accountId: messages.accountId, contentId: messages.contentId, sizeBytes: messages.sizeBytes });
  if (!gone) return false;
  await releaseQuota(tx, orgId, gone.accountId, gone.sizeBytes);
  await tx.delete(messageContents).where(
    and(
      eq(messageContents.orgId, orgId),
      eq(messageContents.id, gone.contentId),
      notExists(
        tx
          .select({ one: sql`1` })
          .from(messages)
          .where(and(eq(messages.orgId, orgId), eq(messages.contentId, gone.contentId))),
      ),
    ),
  );
  return true;
}

export type SavedDraft = {
  id: string;
  mailboxAddress: string;
  /** The draft's attachments as stored, by index: what the form keeps from now on (attachFrom = id). */
  attachments: KeptAttachment[];
};

/**
 * Saves what is being written as a draft (real MIME, Bcc kept, In-Reply-To/References of the
 * answered message, text and HTML alternatives) in the Drafts folder of the actor's own mailbox —
 * or, when continuing a draft, of the mailbox that draft lives in. Saving again replaces the
 * content in the same transaction and KEEPS the draft's id, so autosave never makes duplicates; the
 * draft's row is locked first, and a draft sent or discarded meanwhile is not brought back
 * (notFound). External recipients are allowed in a draft (sending refuses them).
 */
export async function saveDraft(db: Db, actor: Actor, input: ComposeInput): Promise<SavedDraft> {
  const fields = parseRecipientFields(input, false);
  const from = await resolveFrom(db, actor, input.from, { auditRefusal: false });
  const previous = input.draftId ? await loadComposeSource(db, actor, input.draftId) : null;
  if (previous && !previous.isDraft) throw new DomainError("notFound");
  const mailbox = previous?.mailbox ?? (await getMailboxAccess(db, actor, { id: actor.id }))?.mailbox;
  if (!mailbox) throw new DomainError("notFound");
  const original = input.replyOf ? await loadComposeSource(db, actor, input.replyOf) : null;
  const attachments = await collectAttachments(db, actor, input);
  const body = await composeBody(db, input, null);

  const raw = await buildMessage(
    {
      from: { name: from.mailbox.displayName, address: from.mailbox.address },
      sender: from.mode === "onBehalf" ? { name: actor.displayName, address: actor.address } : undefined,
      to: fields.to,
      cc: fields.cc,
      bcc: fields.bcc,
      subject: input.subject,
      text: body.text,
      html: body.html,
      attachments,
      messageId: `<${randomUUID()}@${domainOf(from.mailbox.address)}>`,
      inReplyTo: original?.messageId ?? undefined,
      references: original?.messageId ? [...original.references, original.messageId] : undefined,
      headers: {
        ...(original ? { [REPLY_OF_HEADER]: original.id } : {}),
        [SIGNATURE_HEADER]: input.signature ? "yes" : "no",
      },
    },
    { keepBcc: true },
  );
  const listing = await parseListing(raw);

  const id = await withTransactionRetry(() =>
    db.transaction(async (tx) => {
      const [drafts] = await tx
        .select({ id: folders.id })
        .from(folders)
        .where(and(eq(folders.orgId, mailbox.orgId), eq(folders.accountId, mailbox.id), eq(folders.kind, "drafts")));
      if (!drafts) throw new Error(`mailbox ${mailbox.address} has no drafts folder`);
      if (previous) {
        // Saves of one draft queue here (a lock on its id: the row itself is replaced), and each
        // reads the draft after the one before it committed; one that lost the draft (sent,
        // discarded) stops.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${previous.id}, 0))`);
        const [locked] = await tx
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.orgId, mailbox.orgId), eq(messages.id, previous.id), eq(messages.isDraft, true)))
          .for("update");
        if (!locked) throw new DomainError("notFound");
        await removeDraftInTx(tx, previous.mailbox.orgId, previous.id);
      }
      if (!(await chargeQuota(tx, mailbox.orgId, mailbox.id, raw.length, 100))) {
        throw new DomainError("draftNoRoom", undefined, { address: mailbox.address });
      }
      const stored = await storeMessage(tx, mailbox.orgId, raw, listing, [
        {
          id: previous?.id,
          accountId: mailbox.id,
          folderId: drafts.id,
          seen: true,
          isDraft: true,
          bccList: fields.bcc,
        },
      ]);
      return stored.messageIds[0]!;
    }),
  );
  return {
    id,
    mailboxAddress: mailbox.address,
    attachments: attachments.map((a, index) => ({
      index,
      filename: a.filename,
      contentType: a.contentType,
      size: a.content.length,
    })),
  };
}

/**
 * "Discard draft": removes the draft for good (it was never sent), with Full Access on the mailbox
 * it lives in (loadComposeSource's check); a delegate's discard in someone else's mailbox is
 * audited as a deletion (R13). A draft already gone is not an error: there is nothing to discard.
 * Returns the address of the mailbox the draft was in (null when there was none).
 */
export async function discardDraft(db: Db, actor: Actor, draftId: string): Promise<string | null> {
  const draft = await loadComposeSource(db, actor, draftId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "notFound") return null;
    throw error;
  });
  if (!draft) return null;
  if (!draft.isDraft) throw new DomainError("notFound");
  await withTransactionRetry(() =>
    db.transaction(async (tx) => {
      const removed = await removeDraftInTx(tx, draft.mailbox.orgId, draft.id);
      if (!removed || draft.mailbox.id === actor.id) return;
      await recordAudit(tx, {
        orgId: draft.mailbox.orgId,
        actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
        mailbox: { id: draft.mailbox.id, address: draft.mailbox.address },
        action: "mail.delete",
        details: { count: 1, moved: 0, purged: 1 },
      });
    }),
  );
  return draft.mailbox.address;
}
