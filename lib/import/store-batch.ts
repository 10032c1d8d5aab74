import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, messageContents, messages, organizations, type Folder } from "@/db/schema";
import type { Listing } from "@/lib/mime/parse-listing";
import { imapColumns } from "@/lib/imap-store/summary";
import { chargeQuota } from "@/lib/quota/charge";
import type { SourceMessage } from "./source";
import type { TargetMailbox } from "./target";

export type PreparedMessage = SourceMessage & { listing: Listing; sha256: string };

export type QuotaStop = { limitBytes: number; usedBytes: number; nextBytes: number; next: string; left: number };

export type BatchResult = { imported: number; importedBytes: number; duplicates: number; quotaStop: QuotaStop | null };

const dedupKey = (messageId: string | null, sha: string) => `${messageId ?? ""}\u0000${sha}`;

/**
 * Stores one batch into one folder in one transaction: the mailbox row is locked, duplicates
 * (same Message-ID and same content already in the folder, or earlier in the batch) are skipped,
 * the messages that fit under the receiving limit are charged with one quota update and written
 * with one insert into message_contents and one into messages. Folder counters follow by trigger.
 * When the quota is reached, the messages that fit are stored and the rest is reported.
 */
export async function storeBatch(
  db: Db,
  mailbox: TargetMailbox,
  folder: Folder,
  batch: PreparedMessage[],
): Promise<BatchResult> {
  const { orgId, id: accountId } = mailbox;
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({
        usedBytes: accounts.usedBytes,
        quotaBytes: accounts.quotaBytes,
        percent: organizations.receiveBlockPercent,
      })
      .from(accounts)
      .innerJoin(organizations, eq(organizations.id, accounts.orgId))
      .where(and(eq(accounts.orgId, orgId), eq(accounts.id, accountId)))
      .for("update", { of: accounts });
    if (!account) throw new Error(`mailbox ${mailbox.address} vanished during the import`);

    const messageIds = [...new Set(batch.map((m) => m.listing.messageIdHeader).filter((v): v is string => v !== null))];
    const existing = await tx
      .select({ messageId: messages.messageIdHeader, sha: messageContents.sha256 })
      .from(messages)
      .innerJoin(
        messageContents,
        and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId)),
      )
      .where(
        and(
          eq(messages.orgId, orgId),
          eq(messages.accountId, accountId),
          or(inArray(messages.messageIdHeader, messageIds), isNull(messages.messageIdHeader)),
          eq(messages.folderId, folder.id),
          inArray(messageContents.sha256, [...new Set(batch.map((m) => m.sha256))]),
        ),
      );
    const known = new Set(existing.map((e) => dedupKey(e.messageId, e.sha)));
    const fresh: PreparedMessage[] = [];
    for (const m of batch) {
      const key = dedupKey(m.listing.messageIdHeader, m.sha256);
      if (known.has(key)) continue;
      known.add(key);
      fresh.push(m);
    }

    const limitBytes = Math.floor((account.quotaBytes * account.percent) / 100);
    const room = limitBytes - account.usedBytes;
    let bytes = 0;
    let fit = 0;
    while (fit < fresh.length && bytes + fresh[fit]!.raw.length <= room) bytes += fresh[fit++]!.raw.length;
    const stored = fresh.slice(0, fit);
    const quotaStop: QuotaStop | null =
      fit < fresh.length
        ? {
            limitBytes,
            usedBytes: account.usedBytes + bytes,
            nextBytes: fresh[fit]!.raw.length,
            next: fresh[fit]!.name,
            left: fresh.length - fit,
          }
        : null;

    if (stored.length) {
      if (!(await chargeQuota(tx, orgId, accountId, bytes, account.percent)))
        throw new Error("quota changed under the row lock");
      const contentIds = stored.map(() => randomUUID());
      await tx.insert(messageContents).values(
        stored.map((m, i) => ({
          orgId,
          id: contentIds[i],
          raw: m.raw,
          sizeBytes: m.raw.length,
          sha256: m.sha256,
          ...imapColumns(m.raw),
        })),
      );
      await insertListings(tx, mailbox, folder, stored, contentIds);
    }
    return { imported: stored.length, importedBytes: bytes, duplicates: batch.length - fresh.length, quotaStop };
  });
}

/**
 * One INSERT … SELECT FROM unnest(…) for the whole batch: a parameter per column instead of one
 * per cell (thousands), which keeps both the statement building here and the server's parsing
 * cheap. Every column travels as text[] and is cast on the server, so both drivers send it alike.
 */
async function insertListings(
  tx: Db,
  mailbox: TargetMailbox,
  folder: Folder,
  stored: PreparedMessage[],
  contentIds: string[],
) {
  const now = new Date();
  const column = (value: (m: PreparedMessage, i: number) => string | null) => sql.param(stored.map(value));
  const bool = (value: boolean) => (value ? "t" : "f");
  await tx.execute(sql`
    insert into messages (org_id, account_id, folder_id, content_id, message_id_header, from_address, from_name,
      sender_address, sender_name, to_list, cc_list, subject, snippet, size_bytes, sent_at, received_at,
      seen, flagged, answered, has_attachments, is_draft, search_vector, thread_refs)
    select ${mailbox.orgId}::uuid, ${mailbox.id}::uuid, ${folder.id}::uuid,
      u.content_id::uuid, u.message_id, u.from_address,
      u.from_name, u.sender_address, u.sender_name, u.to_list::jsonb, u.cc_list::jsonb, u.subject, u.snippet,
      u.size_bytes::integer, u.sent_at::timestamptz, u.received_at::timestamptz, u.seen::boolean, u.flagged::boolean,
      u.answered::boolean, u.has_attachments::boolean, u.is_draft::boolean, to_tsvector('simple', u.search_text),
      array(select jsonb_array_elements_text(u.thread_refs::jsonb))
    from unnest(
      ${column((_, i) => contentIds[i]!)}::text[], ${column((m) => m.listing.messageIdHeader)}::text[],
      ${column((m) => m.listing.fromAddress)}::text[], ${column((m) => m.listing.fromName)}::text[],
      ${column((m) => m.listing.senderAddress)}::text[], ${column((m) => m.listing.senderName)}::text[],
      ${column((m) => JSON.stringify(m.listing.toList))}::text[],
      ${column((m) => JSON.stringify(m.listing.ccList))}::text[],
      ${column((m) => m.listing.subject)}::text[], ${column((m) => m.listing.snippet)}::text[],
      ${column((m) => String(m.raw.length))}::text[], ${column((m) => m.listing.sentAt?.toISOString() ?? null)}::text[],
      ${column((m) => (m.listing.sentAt ?? m.fallbackDate ?? now).toISOString())}::text[],
      ${column((m) => bool(m.seen))}::text[], ${column((m) => bool(m.flagged))}::text[],
      ${column((m) => bool(m.answered))}::text[],
      ${column((m) => bool(m.listing.hasAttachments))}::text[], ${column((m) => bool(m.isDraft))}::text[],
      ${column((m) => m.listing.searchText)}::text[], ${column((m) => JSON.stringify(m.listing.threadRefs))}::text[]
    ) as u(content_id, message_id, from_address, from_name, sender_address, sender_name, to_list, cc_list, subject,
      snippet, size_bytes, sent_at, received_at, seen, flagged, answered, has_attachments, is_draft, search_text,
      thread_refs)`);
}
