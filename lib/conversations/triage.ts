import "server-only";
import { and, eq, exists, inArray, isNull, not, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, conversationStates, messages } from "@/db/schema";
import { fullAccessDelegates } from "@/lib/access/full-access-delegates";
import { requireMailboxRight, type AccessibleMailbox, type MailboxAccess } from "@/lib/access/mailbox-access";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { DomainError, fieldError } from "@/lib/errors";
import { messageInMailbox } from "@/lib/messages/message-in-mailbox";
import { TRIAGE_FILTERS, type TriageFilter } from "./triage-filters";

/**
 * Assign and resolve (issue 18): a conversation of a shared mailbox is assigned to one of its Full
 * Access delegates (or taken: "I'll handle it") and marked done or reopened, by its Full Access
 * delegates only — anyone else gets notFound (R12). A reply from the mailbox takes an unassigned
 * conversation for the replier (takeOnReply, in the send's transaction); a new message delivered to
 * a done conversation reopens it (reopenOnNewMail, in the delivery's); an assignee who loses Full
 * Access is unassigned (a trigger on delegations). Every change by a person is in the mailbox's
 * audit trail.
 */
export type Triage = { assignee: { id: string; name: string } | null; done: boolean };
export type ConversationTriage = Triage & {
  threadId: string;
  /** Who it can be assigned to: the mailbox's active Full Access delegates. */
  delegates: { id: string; name: string }[];
};

/** A list URL's `triage` parameter, if it is one of the filters. */
export const triageFilterOf = (value: string | undefined): TriageFilter | null =>
  (TRIAGE_FILTERS as readonly string[]).includes(value ?? "") ? (value as TriageFilter) : null;

type Conversation = { access: MailboxAccess; threadId: string; subject: string };

async function conversationOf(db: Db, actor: Actor, address: string, messageId: string): Promise<Conversation> {
  const access = await requireMailboxRight(db, actor, { address }, "fullAccess");
  if (access.mailbox.kind !== "shared") throw new DomainError("conversationsSharedOnly");
  const { threadId, subject } = await messageInMailbox(db, access.mailbox, messageId);
  return { access, threadId, subject };
}

const stateOf = (mailbox: { orgId: string; id: string }, threadId: string) =>
  and(
    eq(conversationStates.orgId, mailbox.orgId),
    eq(conversationStates.accountId, mailbox.id),
    eq(conversationStates.threadId, threadId),
  );

async function readTriage(db: Db, mailbox: AccessibleMailbox, threadId: string): Promise<Triage> {
  const [row] = await db
    .select({ assigneeId: conversationStates.assigneeId, name: accounts.displayName, done: conversationStates.done })
    .from(conversationStates)
    .leftJoin(accounts, eq(accounts.id, conversationStates.assigneeId))
    .where(stateOf(mailbox, threadId));
  return {
    assignee: row?.assigneeId ? { id: row.assigneeId, name: row.name ?? "" } : null,
    done: row?.done ?? false,
  };
}

/** Who handles the conversation of a shared mailbox's message, whether it is done, and who could. */
export async function conversationTriage(
  db: Db,
  actor: Actor,
  address: string,
  messageId: string,
): Promise<ConversationTriage> {
  const { access, threadId } = await conversationOf(db, actor, address, messageId);
  const [triage, delegates] = await Promise.all([
    readTriage(db, access.mailbox, threadId),
    fullAccessDelegates(db, access.mailbox),
  ]);
  return { ...triage, threadId, delegates: delegates.map((d) => ({ id: d.id, name: d.displayName })) };
}

/** Assigns the conversation to a Full Access delegate (the actor: "I'll handle it"), or to nobody. */
export async function assignConversation(
  db: Db,
  actor: Actor,
  input: { address: string; messageId: string; assigneeId: string | null },
): Promise<Triage> {
  const { access, threadId, subject } = await conversationOf(db, actor, input.address, input.messageId);
  const mailbox = access.mailbox;
  return db.transaction(async (tx) => {
    let assignee: { id: string; name: string } | null = null;
    if (input.assigneeId) {
      const delegate = (await fullAccessDelegates(tx, mailbox)).find((d) => d.id === input.assigneeId);
      if (!delegate) throw fieldError("assigneeId", "notADelegate");
      assignee = { id: delegate.id, name: delegate.displayName };
    }
    const before = await readTriage(tx, mailbox, threadId);
    await tx
      .insert(conversationStates)
      .values({ orgId: mailbox.orgId, accountId: mailbox.id, threadId, assigneeId: assignee?.id ?? null })
      .onConflictDoUpdate({
        target: [conversationStates.orgId, conversationStates.accountId, conversationStates.threadId],
        set: { assigneeId: assignee?.id ?? null, updatedAt: sql`now()` },
      });
    if (before.assignee?.id !== assignee?.id) {
      await recordAudit(tx, {
        orgId: mailbox.orgId,
        actor,
        mailbox,
        action: "conversation.assign",
        details: { subject, assignee: assignee?.name ?? null, previous: before.assignee?.name ?? null },
      });
    }
    return { assignee, done: before.done };
  });
}

/** Marks the conversation done, or open again. */
export async function markConversationDone(
  db: Db,
  actor: Actor,
  input: { address: string; messageId: string; done: boolean },
): Promise<Triage> {
  const { access, threadId, subject } = await conversationOf(db, actor, input.address, input.messageId);
  const mailbox = access.mailbox;
  return db.transaction(async (tx) => {
    const before = await readTriage(tx, mailbox, threadId);
    await tx
      .insert(conversationStates)
      .values({ orgId: mailbox.orgId, accountId: mailbox.id, threadId, done: input.done })
      .onConflictDoUpdate({
        target: [conversationStates.orgId, conversationStates.accountId, conversationStates.threadId],
        set: { done: input.done, updatedAt: sql`now()` },
      });
    if (before.done !== input.done) {
      await recordAudit(tx, {
        orgId: mailbox.orgId,
        actor,
        mailbox,
        action: input.done ? "conversation.done" : "conversation.reopen",
        details: { subject },
      });
    }
    return { assignee: before.assignee, done: input.done };
  });
}

/**
 * A reply from the mailbox, in the send's transaction: an unassigned conversation becomes the
 * replier's (in the audit trail as an assignment by reply); an assigned one stays as it is.
 */
export async function takeOnReply(
  tx: Db,
  actor: Actor,
  mailbox: AccessibleMailbox,
  threadId: string,
  subject: string,
): Promise<void> {
  const taken = await tx
    .insert(conversationStates)
    .values({ orgId: mailbox.orgId, accountId: mailbox.id, threadId, assigneeId: actor.id })
    .onConflictDoUpdate({
      target: [conversationStates.orgId, conversationStates.accountId, conversationStates.threadId],
      set: { assigneeId: actor.id, updatedAt: sql`now()` },
      setWhere: isNull(conversationStates.assigneeId),
    })
    .returning({ threadId: conversationStates.threadId });
  if (taken.length === 0) return;
  await recordAudit(tx, {
    orgId: mailbox.orgId,
    actor,
    mailbox,
    action: "conversation.assign",
    details: { subject, assignee: actor.displayName, previous: null, byReply: true },
  });
}

/**
 * New mail delivered (these copies, in the delivery's transaction): their done conversations reopen.
 * Driven by the copies (a few primary-key reads), not by the organisation's done conversations: every
 * delivery runs it.
 */
export async function reopenOnNewMail(tx: Db, orgId: string, messageIds: string[]): Promise<void> {
  if (messageIds.length === 0) return;
  const delivered = tx
    .select({ accountId: messages.accountId, threadId: messages.threadId })
    .from(messages)
    .where(and(eq(messages.orgId, orgId), inArray(messages.id, messageIds)));
  await tx
    .update(conversationStates)
    .set({ done: false, updatedAt: sql`now()` })
    .where(
      and(
        eq(conversationStates.orgId, orgId),
        sql`(${conversationStates.accountId}, ${conversationStates.threadId}) in ${delivered}`,
        eq(conversationStates.done, true),
      ),
    );
}

/** What a list row shows of its conversation: who handles it, and whether it is done. */
export type RowTriage = { assignee: string | null; done: boolean };

/** The triage of a page's messages in a shared mailbox, by message id (one query; rows with none left out). */
export async function triageOfMessages(
  db: Db,
  mailbox: { orgId: string; id: string },
  messageIds: string[],
): Promise<Record<string, RowTriage>> {
  if (messageIds.length === 0) return {};
  const rows = await db
    .select({ id: messages.id, assignee: accounts.displayName, done: conversationStates.done })
    .from(messages)
    .innerJoin(
      conversationStates,
      and(
        eq(conversationStates.orgId, messages.orgId),
        eq(conversationStates.accountId, messages.accountId),
        eq(conversationStates.threadId, messages.threadId),
      ),
    )
    .leftJoin(accounts, eq(accounts.id, conversationStates.assigneeId))
    .where(
      and(eq(messages.orgId, mailbox.orgId), eq(messages.accountId, mailbox.id), inArray(messages.id, messageIds)),
    );
  return Object.fromEntries(
    rows.filter((r) => r.assignee || r.done).map((r) => [r.id, { assignee: r.assignee, done: r.done }]),
  );
}

/** The condition on `messages` of a list filter (the mailbox is the caller's, access checked). */
export function triageCondition(filter: TriageFilter, actor: Actor): SQL {
  const state = (extra: SQL) =>
    exists(
      sql`(select 1 from ${conversationStates} where ${conversationStates.orgId} = ${messages.orgId}
        and ${conversationStates.accountId} = ${messages.accountId}
        and ${conversationStates.threadId} = ${messages.threadId} and ${extra})`,
    );
  switch (filter) {
    case "mine":
      return state(eq(conversationStates.assigneeId, actor.id));
    case "unassigned":
      return not(state(sql`${conversationStates.assigneeId} is not null`));
    case "open":
      return not(state(eq(conversationStates.done, true)));
    case "done":
      return state(eq(conversationStates.done, true));
  }
}
