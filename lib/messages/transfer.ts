import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import type { MailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudits, type AuditInput } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { chargeQuota } from "@/lib/quota/charge";
import { purgeMessages } from "./purge";

/**
 * Messages leaving one mailbox for another (a drag onto another mailbox's folder in the webmail, an
 * IMAP COPY or MOVE across mailboxes): a copy of each row into the target folder, charged to the
 * target's quota (R10) — same content, new id, new UID by the trigger, its conversation found again in
 * the target mailbox — and, for a move, the source's rows purged, their bytes given back. Inside the
 * caller's transaction, after its access checks on both mailboxes.
 */
const copiedColumns = sql.raw(
  [
    "org_id",
    "content_id",
    "message_id_header",
    "from_address",
    "from_name",
    "sender_address",
    "sender_name",
    "to_list",
    "cc_list",
    "bcc_list",
    "subject",
    "snippet",
    "size_bytes",
    "sent_at",
    "received_at",
    "seen",
    "flagged",
    "answered",
    "has_attachments",
    "is_draft",
    "search_vector",
    "keywords",
    "thread_refs",
    "subject_key",
  ].join(", "),
);

/**
 * What was copied: the source UIDs and their copies', and the (first) folder they came from; and, in
 * the same order (by source folder, then UID), each copy's id and the folder its original was in.
 */
export type Transfer = {
  sourceUids: number[];
  destinationUids: number[];
  sourceFolderId: string | null;
  copies: { id: string; fromFolderId: string }[];
};

/** Copies the source mailbox's messages matching `condition` into `target`'s folder, in UID order. */
export async function copyAcross(
  tx: Db,
  source: MailboxAccess,
  condition: SQL | undefined,
  target: { access: MailboxAccess; folderId: string },
): Promise<Transfer> {
  const inSource = and(eq(messages.orgId, source.mailbox.orgId), eq(messages.accountId, source.mailbox.id), condition);
  const rows = await tx
    .select({ id: messages.id, uid: messages.uid, size: messages.sizeBytes, folderId: messages.folderId })
    .from(messages)
    .where(inSource)
    .orderBy(asc(messages.folderId), asc(messages.uid))
    .for("update");
  if (rows.length === 0) return { sourceUids: [], destinationUids: [], sourceFolderId: null, copies: [] };
  const bytes = rows.reduce((sum, r) => sum + r.size, 0);
  const charged = await chargeQuota(tx, target.access.mailbox.orgId, target.access.mailbox.id, bytes);
  if (!charged) throw new DomainError("quotaExceeded");
  const ids = sql`${`{${rows.map((r) => r.id).join(",")}}`}::uuid[]`;
  const inserted = await tx.execute<{ id: string; uid: number }>(sql`
    insert into messages (account_id, folder_id, ${copiedColumns})
    select ${target.access.mailbox.id}, ${target.folderId}, ${copiedColumns}
    from messages where org_id = ${source.mailbox.orgId} and id = any(${ids})
    order by folder_id, uid returning id, uid`);
  const out = Array.isArray(inserted)
    ? inserted
    : (inserted as unknown as { rows: { id: string; uid: number }[] }).rows;
  // The copies take their UIDs in the order inserted (the trigger), the source's order: sorted by UID,
  // the n-th copy is the n-th source row's.
  const copies = out.map((r) => ({ id: r.id, uid: Number(r.uid) })).sort((a, b) => a.uid - b.uid);
  return {
    sourceUids: rows.map((r) => r.uid),
    destinationUids: copies.map((c) => c.uid),
    sourceFolderId: rows[0]!.folderId,
    copies: copies.map((c, i) => ({ id: c.id, fromFolderId: rows[i]!.folderId })),
  };
}

/**
 * A move out of a mailbox under delete protection (issue 18) takes its mail away: its delegates may
 * move messages only between its own folders, as they may delete only to its Deleted Items.
 */
export function refuseMoveOutIfProtected(source: MailboxAccess, target: MailboxAccess): void {
  if (source.mailbox.id !== target.mailbox.id && source.mailbox.deleteProtection && !source.isOwner) {
    throw new DomainError("moveOutProtected");
  }
}

/** Moves them: the copy, then the source's rows purged (quota given back, contents kept: the copy has them). */
export async function moveAcross(
  tx: Db,
  source: MailboxAccess,
  condition: SQL | undefined,
  target: { access: MailboxAccess; folderId: string },
): Promise<Transfer> {
  refuseMoveOutIfProtected(source, target.access);
  const copied = await copyAcross(tx, source, condition, target);
  if (copied.sourceUids.length > 0) await purgeMessages(tx, source.mailbox, condition);
  return copied;
}

/** One side of a transfer, for its audit: the mailbox (as the actor reached it) and the folder. */
export type TransferSide = { access: MailboxAccess; folder: { name: string; kind: string } };

/**
 * The audit (R13) of a copy or move of `count` messages: in the source mailbox if it is not the
 * actor's own ({count, to, toKind} and, across mailboxes, `toMailbox`), and across mailboxes in the
 * target too if it is not theirs ({…, from, fromKind, fromMailbox}). In the transaction of the change.
 */
export async function auditTransfer(
  tx: Db,
  actor: Actor,
  action: "mail.copy" | "mail.move",
  source: TransferSide,
  target: TransferSide,
  count: number,
): Promise<void> {
  if (count === 0) return;
  const across = source.access.mailbox.id !== target.access.mailbox.id;
  const who = { id: actor.id, address: actor.address, sessionId: actor.sessionId };
  const mailboxOf = (side: TransferSide) => ({ id: side.access.mailbox.id, address: side.access.mailbox.address });
  const to = { to: target.folder.name, toKind: target.folder.kind };
  const events: AuditInput[] = [];
  if (!source.access.isOwner) {
    events.push({
      orgId: source.access.mailbox.orgId,
      actor: who,
      mailbox: mailboxOf(source),
      action,
      details: { count, ...to, ...(across ? { toMailbox: target.access.mailbox.address } : {}) },
    });
  }
  if (across && !target.access.isOwner) {
    events.push({
      orgId: target.access.mailbox.orgId,
      actor: who,
      mailbox: mailboxOf(target),
      action,
      details: {
        count,
        ...to,
        from: source.folder.name,
        fromKind: source.folder.kind,
        fromMailbox: source.access.mailbox.address,
      },
    });
  }
  await recordAudits(tx, events);
}
