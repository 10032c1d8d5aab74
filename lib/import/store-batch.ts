import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, messageContents, messages, organizations, type Folder } from "@/db/schema";
import type { Listing } from "@/lib/mime/parse-listing";
import { chargeQuota } from "@/lib/quota/charge";
import { searchVectorOf } from "@/lib/messages/store-message";
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
export async function storeBatch(db: Db, mailbox: TargetMailbox, folder: Folder, batch: PreparedMessage[]): Promise<BatchResult> {
  const { orgId, id: accountId } = mailbox;
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({ usedBytes: accounts.usedBytes, quotaBytes: accounts.quotaBytes, percent: organizations.receiveBlockPercent })
      .from(accounts)
      .innerJoin(organizations, eq(organizations.id, accounts.orgId))
      .where(and(eq(accounts.orgId, orgId), eq(accounts.id, accountId)))
      .for("update", { of: accounts });
    if (!account) throw new Error(`mailbox ${mailbox.address} vanished during the import`);

    const messageIds = [...new Set(batch.map((m) => m.listing.messageIdHeader).filter((v): v is string => v !== null))];
    const existing = await tx
      .select({ messageId: messages.messageIdHeader, sha: messageContents.sha256 })
      .from(messages)
      .innerJoin(messageContents, and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId)))
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
        ? { limitBytes, usedBytes: account.usedBytes + bytes, nextBytes: fresh[fit]!.raw.length, next: fresh[fit]!.name, left: fresh.length - fit }
        : null;

    if (stored.length) {
      if (!(await chargeQuota(tx, orgId, accountId, bytes, account.percent))) throw new Error("quota changed under the row lock");
      const contentIds = stored.map(() => randomUUID());
      await tx.insert(messageContents).values(
        stored.map((m, i) => ({ orgId, id: contentIds[i], raw: m.raw, sizeBytes: m.raw.length, sha256: m.sha256 })),
      );
      const now = new Date();
      await tx.insert(messages).values(
        stored.map((m, i) => {
          const { searchText: _searchText, ...fields } = m.listing;
          return {
            ...fields,
            orgId,
            accountId,
            folderId: folder.id,
            contentId: contentIds[i]!,
            sizeBytes: m.raw.length,
            receivedAt: m.listing.sentAt ?? m.fallbackDate ?? now,
            seen: m.seen,
            flagged: m.flagged,
            answered: m.answered,
            isDraft: m.isDraft,
            searchVector: searchVectorOf(m.listing),
          };
        }),
      );
    }
    return { imported: stored.length, importedBytes: bytes, duplicates: batch.length - fresh.length, quotaStop };
  });
}
