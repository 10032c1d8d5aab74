import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messageContents, messages, type Mailbox } from "@/db/schema";
import type { Listing } from "@/lib/mime/parse-listing";

export type Copy = {
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
 * charged here: callers charge each copy's mailbox (lib/quota) in the same transaction.
 */
export async function storeMessage(
  tx: Db,
  orgId: string,
  raw: Buffer,
  listing: Listing,
  copies: Copy[],
): Promise<{ contentId: string; messageIds: string[] }> {
  const [content] = await tx
    .insert(messageContents)
    .values({ orgId, raw, sizeBytes: raw.length, sha256: sha256(raw) })
    .returning({ id: messageContents.id });
  if (!content) throw new Error("content insert returned nothing");
  if (copies.length === 0) return { contentId: content.id, messageIds: [] };
  const { searchText: _searchText, ...fields } = listing;
  const rows = await tx
    .insert(messages)
    .values(
      copies.map((c) => ({
        ...fields,
        orgId,
        accountId: c.accountId,
        folderId: c.folderId,
        contentId: content.id,
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
  return { contentId: content.id, messageIds: rows.map((r) => r.id) };
}
