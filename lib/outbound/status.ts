import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboundMessages, outboundRecipients, type OutboundState } from "@/db/schema";

export type RecipientState = {
  address: string;
  state: OutboundState;
  lastReply: string | null;
  updatedAt: Date;
  nextAttemptAt: Date;
};

/**
 * The delivery state of each external recipient of a Sent copy (by its stored content). The caller
 * has opened the copy through the access check (lib/messages/read-message.ts): this only reads the
 * queue rows of the same organisation and content.
 */
export async function deliveryStatesOf(db: Db, orgId: string, contentId: string): Promise<RecipientState[]> {
  return db
    .select({
      address: outboundRecipients.address,
      state: outboundRecipients.state,
      lastReply: outboundRecipients.lastReply,
      updatedAt: outboundRecipients.updatedAt,
      nextAttemptAt: outboundRecipients.nextAttemptAt,
    })
    .from(outboundRecipients)
    .innerJoin(
      outboundMessages,
      and(eq(outboundMessages.orgId, outboundRecipients.orgId), eq(outboundMessages.id, outboundRecipients.messageId)),
    )
    .where(and(eq(outboundMessages.orgId, orgId), eq(outboundMessages.contentId, contentId)))
    .orderBy(asc(outboundRecipients.address));
}
