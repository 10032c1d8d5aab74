import "server-only";
import { and, desc, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversationReplies } from "@/db/schema";
import type { AccessibleMailbox } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { clearReplying } from "./presence";

/** A reply about to be sent, to a message of a shared mailbox's conversation. */
export type ReplyInConversation = {
  mailbox: AccessibleMailbox;
  threadId: string;
  messageId: string;
  /** When the reply form was opened (server time): a reply by someone else since then is news. */
  openedAt: Date | null;
  /** The writer saw the warning and sends anyway. */
  sendAnyway: boolean;
};

/**
 * No double replies (issue 18): inside the send's transaction, before a reply from a shared mailbox's
 * conversation commits. If another person replied in the same conversation since this reply's form
 * was opened, the send is refused with "repliedMeanwhile" (who, and how many minutes ago), unless the
 * writer chose to send anyway. Two replies in one conversation are serialised (a transaction lock on
 * the conversation), so of two delegates pressing Send at once, the second is warned. The reply is
 * then recorded, and the writer's "is replying" presence removed.
 */
export async function recordReplyInConversation(tx: Db, actor: Actor, reply: ReplyInConversation): Promise<void> {
  const { mailbox, threadId } = reply;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`reply:${threadId}`}, 0))`);
  if (reply.openedAt && !reply.sendAnyway) {
    const [other] = await tx
      .select({ name: conversationReplies.replierName, at: conversationReplies.repliedAt })
      .from(conversationReplies)
      .where(
        and(
          eq(conversationReplies.orgId, mailbox.orgId),
          eq(conversationReplies.accountId, mailbox.id),
          eq(conversationReplies.threadId, threadId),
          gt(conversationReplies.repliedAt, reply.openedAt),
          or(isNull(conversationReplies.replierId), ne(conversationReplies.replierId, actor.id)),
        ),
      )
      .orderBy(desc(conversationReplies.repliedAt))
      .limit(1);
    if (other) {
      const minutes = Math.max(0, Math.floor((Date.now() - other.at.getTime()) / 60_000));
      throw new DomainError("repliedMeanwhile", undefined, { name: other.name, minutes });
    }
  }
  await tx.insert(conversationReplies).values({
    orgId: mailbox.orgId,
    accountId: mailbox.id,
    threadId,
    messageId: reply.messageId,
    replierId: actor.id,
    replierName: actor.displayName,
  });
  await clearReplying(tx, actor, mailbox.id, threadId);
}
