import "server-only";
import { and, asc, eq, inArray, notExists, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messageContents, messages } from "@/db/schema";
import { releaseQuota } from "@/lib/quota/charge";

const CHUNK = 1000;

/**
 * Deletes a mailbox's messages for good, inside the caller's transaction (whose access check has
 * been made): the copies matching `condition`, their bytes given back to the mailbox's quota
 * (R10), and each raw content no copy references any more.
 *
 * The contents are locked first (in id order), so two purges of copies of one message, in two
 * mailboxes at once, cannot each leave the content to the other: the second waits, then sees the
 * first copy gone.
 */
export async function purgeMessages(
  tx: Db,
  mailbox: { orgId: string; id: string },
  condition: SQL | undefined,
): Promise<{ count: number; bytes: number }> {
  const scope = and(eq(messages.orgId, mailbox.orgId), eq(messages.accountId, mailbox.id), condition);
  await tx
    .select({ id: messageContents.id })
    .from(messageContents)
    .where(
      and(
        eq(messageContents.orgId, mailbox.orgId),
        inArray(messageContents.id, tx.select({ id: messages.contentId }).from(messages).where(scope)),
      ),
    )
    .orderBy(asc(messageContents.id))
    .for("update");
  const deleted = await tx
    .delete(messages)
    .where(scope)
    .returning({ contentId: messages.contentId, sizeBytes: messages.sizeBytes });
  if (deleted.length === 0) return { count: 0, bytes: 0 };
  const bytes = deleted.reduce((sum, m) => sum + m.sizeBytes, 0);
  await releaseQuota(tx, mailbox.orgId, mailbox.id, bytes);
  const contentIds = [...new Set(deleted.map((m) => m.contentId))];
  for (let i = 0; i < contentIds.length; i += CHUNK) {
    await tx.delete(messageContents).where(
      and(
        eq(messageContents.orgId, mailbox.orgId),
        inArray(messageContents.id, contentIds.slice(i, i + CHUNK)),
        notExists(
          tx
            .select({ id: messages.id })
            .from(messages)
            .where(and(eq(messages.orgId, messageContents.orgId), eq(messages.contentId, messageContents.id))),
        ),
      ),
    );
  }
  return { count: deleted.length, bytes };
}
