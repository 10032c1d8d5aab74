import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import type { AccessibleMailbox } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { takeOnReply } from "@/lib/conversations/triage";
import { recordReplyInConversation } from "./double-reply";

const refsArray = (refs: string[]) =>
  sql`array[${sql.join(
    refs.map((r) => sql`${r}`),
    sql`, `,
  )}]::text[]`;

/** The message a reply answers, in the mailbox it is sent from. */
export type Answered = { mailbox: AccessibleMailbox; id: string; subject: string };

/**
 * The message of `mailbox` a message submitted by a mail client answers, in one query: the newest
 * copy whose Message-ID is its In-Reply-To (else the nearest of its References); null when it answers none of
 * the mailbox's messages. Callers have resolved the mailbox the reply is sent from (its rights).
 */
export async function answeredInMailbox(db: Db, mailbox: AccessibleMailbox, refs: string[]): Promise<Answered | null> {
  const nearest = refs.slice(0, 3);
  if (nearest.length === 0) return null;
  const [row] = await db
    .select({ id: messages.id, subject: messages.subject })
    .from(messages)
    .where(
      and(
        eq(messages.orgId, mailbox.orgId),
        eq(messages.accountId, mailbox.id),
        inArray(messages.messageIdHeader, nearest),
      ),
    )
    .orderBy(sql`array_position(${refsArray(nearest)}, ${messages.messageIdHeader})`, desc(messages.receivedAt))
    .limit(1);
  return row ? { mailbox, ...row } : null;
}

/**
 * In the send's transaction, by every door (webmail, submission): the answered message is marked
 * \Answered and, in a shared mailbox, the reply is recorded in its conversation (what "Marc replied 2
 * minutes ago" reads; refused when someone replied since `openedAt` unless sent anyway) and takes the
 * conversation for the replier if nobody has it.
 */
export async function recordAnswer(
  tx: Db,
  actor: Actor,
  original: Answered,
  reply: { openedAt: Date | null; sendAnyway: boolean },
): Promise<void> {
  const [answered] = await tx
    .update(messages)
    .set({ answered: true })
    .where(and(eq(messages.orgId, original.mailbox.orgId), eq(messages.id, original.id)))
    .returning({ threadId: messages.threadId });
  if (!answered || original.mailbox.kind !== "shared") return;
  await recordReplyInConversation(tx, actor, {
    mailbox: original.mailbox,
    threadId: answered.threadId,
    messageId: original.id,
    openedAt: reply.openedAt,
    sendAnyway: reply.sendAnyway,
  });
  await takeOnReply(tx, actor, original.mailbox, answered.threadId, original.subject);
}
