import "server-only";
import { and, asc, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, messages, replyPresence } from "@/db/schema";
import { requireMailboxRight, type MailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { REPLYING_CHANNEL } from "@/lib/events/mailbox-changes";
import { PRESENCE_TTL_MS } from "./timing";

/**
 * "Claire is replying" (issue 18, no double replies). A Full Access delegate's open reply form on a
 * shared mailbox's message keeps a presence row for the conversation alive (`startReplying`, again
 * every HEARTBEAT_MS, ./timing.ts); sending or leaving the form removes it (`stopReplying`), and a
 * form closed without a word (a lost connection) stops counting after PRESENCE_TTL_MS. Each change is announced
 * on REPLYING_CHANNEL (at commit), so the others reading the conversation see it within seconds
 * (lib/events/live-mail.ts). Anyone without Full Access on the mailbox gets notFound (R12).
 */

/** A presence that stopped counting an hour ago or more: its form is gone, nobody reads it again. */
const longGone = lt(replyPresence.expiresAt, sql`now() - interval '1 hour'`);

/**
 * Removes every presence long gone, in every conversation (those nobody replies to again would
 * otherwise stay); run on a schedule by the server (lib/runtime/schedule.ts). Returns how many.
 */
export async function pruneReplyPresence(db: Db): Promise<number> {
  const gone = await db.delete(replyPresence).where(longGone).returning({ id: replyPresence.actorId });
  return gone.length;
}

/** One person replying, and for how long their form's last sign of life still counts. */
export type Replier = { name: string; leftMs: number };

type Conversation = { access: MailboxAccess; threadId: string };

/**
 * The conversation of a message the actor has Full Access to; null in a user's own mailbox (nobody
 * else replies from it).
 */
async function conversationOf(db: Db, actor: Actor, messageId: string): Promise<Conversation | null> {
  const [row] = await db
    .select({ accountId: messages.accountId, threadId: messages.threadId })
    .from(messages)
    .where(and(eq(messages.orgId, actor.orgId), eq(messages.id, messageId)));
  if (!row) throw new DomainError("notFound");
  const access = await requireMailboxRight(db, actor, { id: row.accountId }, "fullAccess");
  return access.mailbox.kind === "shared" ? { access, threadId: row.threadId } : null;
}

/** Announces a change of who is replying in a conversation, at the commit of `db`'s transaction. */
async function announceReplying(db: Db, mailboxId: string, threadId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${REPLYING_CHANNEL}, ${`${mailboxId}:${threadId}`})`);
}

/** The actor has a reply form open on this message (or still has: a heartbeat). */
export async function startReplying(db: Db, actor: Actor, messageId: string): Promise<void> {
  const conversation = await conversationOf(db, actor, messageId);
  if (!conversation) return;
  const { access, threadId } = conversation;
  // The database's clock, the one every read of the presence compares with.
  const expiresAt = sql`now() + ${PRESENCE_TTL_MS} * interval '1 millisecond'`;
  await db.transaction(async (tx) => {
    await tx
      .insert(replyPresence)
      .values({ orgId: actor.orgId, accountId: access.mailbox.id, threadId, actorId: actor.id, expiresAt })
      .onConflictDoUpdate({
        target: [replyPresence.orgId, replyPresence.accountId, replyPresence.threadId, replyPresence.actorId],
        set: { expiresAt },
      });
    // Rows of forms long gone, in this conversation: nobody reads them again.
    await tx
      .delete(replyPresence)
      .where(
        and(
          eq(replyPresence.orgId, actor.orgId),
          eq(replyPresence.accountId, access.mailbox.id),
          eq(replyPresence.threadId, threadId),
          longGone,
        ),
      );
    await announceReplying(tx, access.mailbox.id, threadId);
  });
}

/** Removes the actor's presence in a conversation (inside the caller's transaction), announced if there was one. */
export async function clearReplying(tx: Db, actor: Actor, mailboxId: string, threadId: string): Promise<void> {
  const gone = await tx
    .delete(replyPresence)
    .where(
      and(
        eq(replyPresence.orgId, actor.orgId),
        eq(replyPresence.accountId, mailboxId),
        eq(replyPresence.threadId, threadId),
        eq(replyPresence.actorId, actor.id),
      ),
    )
    .returning({ actorId: replyPresence.actorId });
  if (gone.length > 0) await announceReplying(tx, mailboxId, threadId);
}

/** The actor left the reply form of this message (sent, discarded, or went elsewhere). */
export async function stopReplying(db: Db, actor: Actor, messageId: string): Promise<void> {
  const conversation = await conversationOf(db, actor, messageId);
  if (!conversation) return;
  await db.transaction((tx) => clearReplying(tx, actor, conversation.access.mailbox.id, conversation.threadId));
}

/** Who else is replying in a conversation of a mailbox the actor has Full Access to, by name. */
export async function repliersIn(db: Db, actor: Actor, mailboxId: string, threadId: string): Promise<Replier[]> {
  const access = await requireMailboxRight(db, actor, { id: mailboxId }, "fullAccess");
  return listRepliers(db, actor, { access, threadId });
}

async function listRepliers(db: Db, actor: Actor, { access, threadId }: Conversation): Promise<Replier[]> {
  const rows = await db
    .select({ name: accounts.displayName, left: sql<number>`extract(epoch from ${replyPresence.expiresAt} - now())` })
    .from(replyPresence)
    .innerJoin(accounts, and(eq(accounts.id, replyPresence.actorId), eq(accounts.orgId, replyPresence.orgId)))
    .where(
      and(
        eq(replyPresence.orgId, access.mailbox.orgId),
        eq(replyPresence.accountId, access.mailbox.id),
        eq(replyPresence.threadId, threadId),
        ne(replyPresence.actorId, actor.id),
        gt(replyPresence.expiresAt, sql`now()`),
      ),
    )
    .orderBy(asc(accounts.displayName));
  return rows.map((r) => ({ name: r.name, leftMs: Math.max(0, Math.round(Number(r.left) * 1000)) }));
}

/** Who else is replying in a conversation, and which (what the live stream's events name). */
export type ConversationRepliers = { mailboxId: string; threadId: string; people: Replier[] };

/**
 * Who else is replying in the conversation of a message the actor reads; null in a user's own
 * mailbox.
 */
export async function repliersOnMessage(db: Db, actor: Actor, messageId: string): Promise<ConversationRepliers | null> {
  const conversation = await conversationOf(db, actor, messageId);
  if (!conversation) return null;
  const people = await listRepliers(db, actor, conversation);
  return { mailboxId: conversation.access.mailbox.id, threadId: conversation.threadId, people };
}
