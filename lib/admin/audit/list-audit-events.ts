import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "../require-admin";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = { mailbox?: string; actor?: string; action?: string };

export type AuditRow = {
  id: string;
  at: Date;
  actorAddress: string;
  mailboxAddress: string | null;
  action: string;
  details: Record<string, unknown>;
};

/**
 * The cursor is the last row's (at, id) with at in microseconds: JavaScript dates keep only
 * milliseconds, and rows inside the same millisecond would otherwise be skipped.
 */
const AT_TEXT = sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|([0-9a-f-]{36})$/;

export const encodeAuditCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`).toString("base64url");

function decodeAuditCursor(value: string | null | undefined): { at: string; id: string } | null {
  if (!value) return null;
  const match = CURSOR.exec(Buffer.from(value, "base64url").toString());
  return match ? { at: match[1]!, id: match[2]! } : null;
}

const clean = (v: string | undefined) => v?.trim().toLowerCase() || undefined;

/**
 * One page of the organisation's audit trail, newest first, filtered by mailbox address, actor
 * address and action (each exact; addresses case-insensitive). Keyset paging on (at, id), with
 * an index per filter leading with the organisation.
 */
export async function listAuditEvents(
  db: Db,
  actor: Actor,
  options: AuditFilter & { after?: string | null; limit?: number } = {},
): Promise<{ rows: AuditRow[]; next: string | null }> {
  requireAdmin(actor);
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const cursor = decodeAuditCursor(options.after);
  const mailbox = clean(options.mailbox);
  const by = clean(options.actor);
  const action = options.action?.trim() || undefined;
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      atText: AT_TEXT,
      actorAddress: auditEvents.actorAddress,
      mailboxAddress: auditEvents.mailboxAddress,
      action: auditEvents.action,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orgId, actor.orgId),
        mailbox ? eq(auditEvents.mailboxAddress, mailbox) : undefined,
        by ? eq(auditEvents.actorAddress, by) : undefined,
        action ? eq(auditEvents.action, action) : undefined,
        cursor
          ? sql`(${auditEvents.at}, ${auditEvents.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    // "nulls last" as the indexes are built (drizzle-kit's default): with plain "desc" PostgreSQL
    // would sort instead of walking the index.
    .orderBy(sql`${auditEvents.at} desc nulls last`, sql`${auditEvents.id} desc nulls last`)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ atText: _atText, ...row }) => row),
    next: rows.length > limit && last ? encodeAuditCursor(last.atText, last.id) : null,
  };
}
