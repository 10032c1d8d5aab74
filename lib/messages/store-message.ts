import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messageContents, messages, type Mailbox } from "@/db/schema";
import type { Listing } from "@/lib/mime/parse-listing";
import { imapColumns } from "@/lib/imap-store/summary";

export type Copy = {
  /** The copy's id, when it must be kept (a draft saved again keeps its id); else a new one. */
  id?: string;
  accountId: string;
  folderId: string;
  seen?: boolean;
  flagged?: boolean;
  answered?: boolean;
  isDraft?: boolean;
  bccList?: Mailbox[];
  receivedAt?: Date;
};

export const sha256 = (raw: Buffer) => createHash("sha256").update(raw).digest("hex");

/** The search vector of a listing ('simple': no stemming, so French and English both match). */
export const searchVectorOf = (listing: Listing) => sql`to_tsvector('simple', ${listing.searchText})`;

/**
 * Stores a raw message once for the organisation and one listing row per copy. Quota is NOT
 * charged here: callers charge each copy's mailbox (lib/quota) in the same transaction. The
 * content's id is made here, so both inserts go to the database together (one round trip while
 * the caller holds its row locks).
 */
export async function storeMessage(
  tx: Db,
  orgId: string,
  raw: Buffer,
  listing: Listing,
  copies: Copy[],
): Promise<{ contentId: string; messageIds: string[] }> {
  const contentId = randomUUID();
  const storeContent = tx
    .insert(messageContents)
    .values({ orgId, id: contentId, raw, sizeBytes: raw.length, sha256: sha256(raw), ...imapColumns(raw) });
  if (copies.length === 0) {
    await storeContent;
    return { contentId, messageIds: [] };
  }
  const { searchText: _searchText, ...fields } = listing;
  const storeCopies = tx
    .insert(messages)
    .values(
      copies.map((c) => ({
        ...fields,
        ...(c.id ? { id: c.id } : {}),
        orgId,
        accountId: c.accountId,
        folderId: c.folderId,
        contentId,
        sizeBytes: raw.length,
        seen: c.seen ?? false,
        flagged: c.flagged ?? false,
        answered: c.answered ?? false,
        isDraft: c.isDraft ?? false,
        bccList: c.bccList ?? [],
        receivedAt: c.receivedAt ?? new Date(),
        searchVector: searchVectorOf(listing),
      })),
    )
    .returning({ id: messages.id });
  const [, rows] = await Promise.all([storeContent, storeCopies]);
  return { contentId, messageIds: rows.map((r) => r.id) };
}
