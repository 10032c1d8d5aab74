import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders, messageContents, messages } from "@/db/schema";
import { getMailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { withTransactionRetry } from "@/lib/transactions/retry-on-conflict";
import { DomainError } from "@/lib/errors";
import { storeMessage } from "@/lib/messages/store-message";
import { domainOf } from "@/lib/mime/addresses";
import { buildMessage } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import { chargeQuota, releaseQuota } from "@/lib/quota/charge";
import { collectAttachments } from "./attachments";
import { resolveFrom } from "./from";
import { parseRecipientFields, type ComposeInput } from "./recipient-fields";
import { loadComposeSource, REPLY_OF_HEADER } from "./original-message";

/**
 * Removes a draft copy and frees its quota; its raw content goes too when no copy refers to it
 * any more. Callers have checked access (Full Access on the draft's mailbox).
 */
export async function removeDraftInTx(tx: Db, orgId: string, messageId: string): Promise<void> {
  const [gone] = await tx
    .delete(messages)
    .where(and(eq(messages.orgId, orgId), eq(messages.id, messageId), eq(messages.isDraft, true)))
    .returning({ accountId: messages.accountId, contentId: messages.contentId, sizeBytes: messages.sizeBytes });
  if (!gone) return;
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
}

/**
 * Saves what is being written as a draft (real MIME, Bcc kept, In-Reply-To/References of the
 * answered message) in the Drafts folder of the actor's own mailbox — or, when continuing a draft,
 * of the mailbox that draft lives in — replacing the previous version in the same transaction.
 * External recipients are allowed in a draft (sending refuses them). Returns the new draft's id.
 */
export async function saveDraft(
  db: Db,
  actor: Actor,
  input: ComposeInput,
): Promise<{ id: string; mailboxAddress: string }> {
  const fields = parseRecipientFields(input, false);
  const from = await resolveFrom(db, actor, input.from, { auditRefusal: false });
  const previous = input.draftId ? await loadComposeSource(db, actor, input.draftId) : null;
  if (previous && !previous.isDraft) throw new DomainError("notFound");
  const mailbox = previous?.mailbox ?? (await getMailboxAccess(db, actor, { id: actor.id }))?.mailbox;
  if (!mailbox) throw new DomainError("notFound");
  const original = input.replyOf ? await loadComposeSource(db, actor, input.replyOf) : null;
  const attachments = await collectAttachments(db, actor, input);

  const raw = await buildMessage(
    {
      from: { name: from.mailbox.displayName, address: from.mailbox.address },
      sender: from.mode === "onBehalf" ? { name: actor.displayName, address: actor.address } : undefined,
      to: fields.to,
      cc: fields.cc,
      bcc: fields.bcc,
      subject: input.subject,
      text: input.body,
      attachments,
      messageId: `<${randomUUID()}@${domainOf(from.mailbox.address)}>`,
      inReplyTo: original?.messageId ?? undefined,
      references: original?.messageId ? [...original.references, original.messageId] : undefined,
      headers: original ? { [REPLY_OF_HEADER]: original.id } : undefined,
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
      if (previous) await removeDraftInTx(tx, previous.mailbox.orgId, previous.id);
      if (!(await chargeQuota(tx, mailbox.orgId, mailbox.id, raw.length, 100))) {
        throw new DomainError("draftNoRoom", undefined, { address: mailbox.address });
      }
      const stored = await storeMessage(tx, mailbox.orgId, raw, listing, [
        { accountId: mailbox.id, folderId: drafts.id, seen: true, isDraft: true, bccList: fields.bcc },
      ]);
      return stored.messageIds[0]!;
    }),
  );
  return { id, mailboxAddress: mailbox.address };
}
