import "server-only";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { domains, organizations, outboundMessages, outboundRecipients, type OutboundState } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { generateDkimKey } from "@/lib/dkim/keys";
import { DomainError } from "@/lib/errors";
import { dbClock } from "@/lib/outbound/clock";
import { wakeOutbound } from "@/lib/outbound/wake";
import { requireAdmin } from "../require-admin";

export type QueueEntry = {
  id: string;
  from: string;
  to: string;
  subject: string;
  state: OutboundState;
  attempts: number;
  nextAttemptAt: Date;
  lastReply: string | null;
  queuedAt: Date;
};

export const QUEUE_VIEWS = ["queued", "deferred", "failed"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
export const QUEUE_PAGE_SIZE = 50;

export type QueuePage = {
  rows: QueueEntry[];
  /** Cursor of the next (older) page, or null on the last one. */
  next: string | null;
  /** Cursor of the previous (newer) page, or null on the first one. */
  previous: string | null;
};

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|([0-9a-f-]{36})$/;
const encodeCursor = (row: { queuedAt: Date; id: string }) =>
  Buffer.from(`${row.queuedAt.toISOString()}|${row.id}`).toString("base64url");
function decodeCursor(value: string | null | undefined): { at: string; id: string } | null {
  if (!value) return null;
  const match = CURSOR.exec(Buffer.from(value, "base64url").toString());
  return match ? { at: match[1]!, id: match[2]! } : null;
}

/**
 * One page of the organisation's outbound queue in one state (admins only), newest first: keyset
 * paging on (queuedAt, id) by the index (org, state, queuedAt desc, id desc) — `after` walks to
 * older rows, `before` back to newer ones. A cursor that does not parse gives the first page.
 */
export async function listOutboundQueue(
  db: Db,
  actor: Actor,
  view: QueueView,
  options: { after?: string | null; before?: string | null; limit?: number } = {},
): Promise<QueuePage> {
  requireAdmin(actor);
  const limit = options.limit ?? QUEUE_PAGE_SIZE;
  const after = decodeCursor(options.after);
  const before = after ? null : decodeCursor(options.before);
  const key = sql`(${outboundRecipients.queuedAt}, ${outboundRecipients.id})`;
  const rows = await db
    .select({
      id: outboundRecipients.id,
      from: outboundMessages.mailFrom,
      to: outboundRecipients.address,
      subject: outboundMessages.subject,
      state: outboundRecipients.state,
      attempts: outboundRecipients.attempts,
      nextAttemptAt: outboundRecipients.nextAttemptAt,
      lastReply: outboundRecipients.lastReply,
      queuedAt: outboundRecipients.queuedAt,
    })
    .from(outboundRecipients)
    .innerJoin(
      outboundMessages,
      and(eq(outboundMessages.orgId, outboundRecipients.orgId), eq(outboundMessages.id, outboundRecipients.messageId)),
    )
    .where(
      and(
        eq(outboundRecipients.orgId, actor.orgId),
        eq(outboundRecipients.state, view),
        after ? sql`${key} < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
        before ? sql`${key} > (${before.at}::timestamptz, ${before.id}::uuid)` : undefined,
      ),
    )
    // as the index is built ("desc nulls last"), or walked backwards for the newer page
    .orderBy(
      ...(before
        ? [sql`${outboundRecipients.queuedAt} asc nulls first`, sql`${outboundRecipients.id} asc nulls first`]
        : [sql`${outboundRecipients.queuedAt} desc nulls last`, sql`${outboundRecipients.id} desc nulls last`]),
    )
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    rows: page,
    next: last && (before ? true : more) ? encodeCursor(last) : null,
    previous: first && (before ? more : Boolean(after)) ? encodeCursor(first) : null,
  };
}

const idSchema = z.uuid();

/**
 * "Retry now" (a waiting recipient is made due at once) or "cancel" (it will not be tried again;
 * a delivery in flight at that instant may still complete), at the database's time as the queue keeps it.
 * Admins of the recipient's organisation
 * only; another organisation's row is "not found". Audited.
 */
export async function actOnQueueEntry(
  db: Db,
  actor: Actor,
  input: { id: string; action: "retry" | "cancel" },
): Promise<void> {
  const now = dbClock();
  requireAdmin(actor);
  if (!idSchema.safeParse(input.id).success) throw new DomainError("notFound");
  await db.transaction(async (tx) => {
    const where = and(
      eq(outboundRecipients.orgId, actor.orgId),
      eq(outboundRecipients.id, input.id),
      inArray(outboundRecipients.state, ["queued", "deferred"]),
    );
    const changed =
      input.action === "retry"
        ? await tx
            .update(outboundRecipients)
            .set({ nextAttemptAt: sql`${now}`, updatedAt: sql`${now}` })
            .where(and(where, or(isNull(outboundRecipients.claimedUntil), lt(outboundRecipients.claimedUntil, now))))
            .returning({ address: outboundRecipients.address })
        : await tx
            .update(outboundRecipients)
            .set({
              state: "cancelled",
              claimedBy: null,
              claimedUntil: null,
              doneAt: sql`${now}`,
              updatedAt: sql`${now}`,
            })
            .where(where)
            .returning({ address: outboundRecipients.address });
    if (changed.length === 0) throw new DomainError("queueEntryGone");
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
      mailbox: null,
      action: input.action === "retry" ? "outbound.retry" : "outbound.cancel",
      details: { recipient: changed[0]!.address },
    });
  });
  if (input.action === "retry") wakeOutbound();
}

export const sendLimitSchema = z.object({ limit: z.coerce.number().int().min(0).max(100_000) });

/** The organisation's hourly limit of outside recipients per mailbox (admins only). */
export async function getSendLimit(db: Db, actor: Actor): Promise<number> {
  requireAdmin(actor);
  const [org] = await db
    .select({ limit: organizations.sendLimitPerHour })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId));
  if (!org) throw new DomainError("notFound");
  return org.limit;
}

export async function setSendLimit(db: Db, actor: Actor, input: { limit: number }): Promise<void> {
  requireAdmin(actor);
  const { limit } = sendLimitSchema.parse(input);
  await db.transaction(async (tx) => {
    await tx.update(organizations).set({ sendLimitPerHour: limit }).where(eq(organizations.id, actor.orgId));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
      mailbox: null,
      action: "org.sendLimit",
      details: { limit },
    });
  });
}

/** Makes (or replaces) the DKIM key of one of the admin's own domains. */
export async function generateOrgDkimKey(db: Db, actor: Actor, domain: string) {
  requireAdmin(actor);
  const own = await db
    .select({ id: domains.id })
    .from(domains)
    .where(and(eq(domains.orgId, actor.orgId), eq(sql`lower(${domains.name})`, domain.trim().toLowerCase())));
  if (own.length === 0) throw new DomainError("notFound");
  const key = await generateDkimKey(db, domain);
  await db.transaction((tx) =>
    recordAudit(tx, {
      orgId: actor.orgId,
      actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
      mailbox: null,
      action: "dkim.generate",
      details: { domain: key.domain, selector: key.selector },
    }),
  );
  return key;
}
