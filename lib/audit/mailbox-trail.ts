import "server-only";
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { getMailboxAccess, type AccessibleMailbox, type MailboxRef } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";

export const TRAIL_PAGE_SIZE = 50;

export type TrailEvent = {
  id: string;
  at: Date;
  actorAddress: string;
  action: string;
  details: Record<string, unknown>;
};

/** A keyset cursor with the timestamp at full (microsecond) precision, as text. */
type TrailCursor = { at: string; id: string };

const encode = (c: TrailCursor) => Buffer.from(`${c.at}|${c.id}`).toString("base64url");

export function decodeTrailCursor(value: string | null | undefined): TrailCursor | null {
  if (!value) return null;
  const [at, id] = Buffer.from(value, "base64url").toString().split("|");
  if (!at || !id || !/^[0-9a-f-]{36}$/.test(id) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at)) return null;
  return { at, id };
}

const atText = sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A mailbox's own audit trail (R13), newest first, keyset paged. Its owner and its delegates —
 * with any right — may read it; anyone else gets notFound, as for the mailbox itself.
 */
export async function listMailboxTrail(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  cursor: TrailCursor | null,
  limit = TRAIL_PAGE_SIZE,
): Promise<{ mailbox: AccessibleMailbox; events: TrailEvent[]; next: string | null }> {
  const access = await getMailboxAccess(db, actor, ref);
  if (!access || !(access.isOwner || access.rights.fullAccess || access.rights.sendAs || access.rights.sendOnBehalf)) {
    throw new DomainError("notFound");
  }
  const { mailbox } = access;
  const after = cursor
    ? or(
        lt(auditEvents.at, sql`${cursor.at}::timestamptz`),
        and(eq(auditEvents.at, sql`${cursor.at}::timestamptz`), lt(auditEvents.id, sql`${cursor.id}::uuid`)),
      )
    : undefined;
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      atText,
      actorAddress: auditEvents.actorAddress,
      action: auditEvents.action,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, mailbox.orgId), eq(auditEvents.mailboxId, mailbox.id), after))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    mailbox,
    events: page.map(({ atText: _atText, ...event }) => event),
    next: rows.length > limit && last ? encode({ at: last.atText, id: last.id }) : null,
  };
}
