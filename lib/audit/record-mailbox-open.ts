import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { MailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "./record-audit";

export const MAILBOX_OPEN = "mailbox.open";

/**
 * (session, mailbox) pairs known to be recorded, per database: such an event is never taken back
 * while the session lasts, so a page need not look for it again. Bounded: cleared past 50,000.
 */
const known = new WeakMap<Db, Set<string>>();
const MAX_KNOWN = 50_000;
const keyOf = (actor: Actor, mailboxId: string) => `${actor.orgId}|${actor.id}|${actor.sessionId}|${mailboxId}`;

function remember(db: Db, key: string): void {
  let set = known.get(db);
  if (!set) known.set(db, (set = new Set()));
  if (set.size >= MAX_KNOWN) set.clear();
  set.add(key);
}

async function alreadyRecorded(db: Db, actor: Actor, mailboxId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orgId, actor.orgId),
        eq(auditEvents.sessionId, actor.sessionId),
        eq(auditEvents.mailboxId, mailboxId),
        eq(auditEvents.action, MAILBOX_OPEN),
        eq(auditEvents.actorId, actor.id),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * R13: a delegate opening a mailbox that is not their own is recorded once per sign-in session,
 * not per click. Nothing for the owner. Pages call it after the access check succeeded. Two
 * requests of one session racing are serialised by a transaction-scoped advisory lock on
 * (session, mailbox), so the event is written once. Returns whether it wrote an event.
 */
export async function recordMailboxOpen(db: Db, actor: Actor, access: MailboxAccess): Promise<boolean> {
  if (access.isOwner || access.mailbox.id === actor.id) return false;
  const mailboxId = access.mailbox.id;
  const key = keyOf(actor, mailboxId);
  if (known.get(db)?.has(key)) return false;
  if (await alreadyRecorded(db, actor, mailboxId)) {
    remember(db, key);
    return false;
  }
  const wrote = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${actor.sessionId}|${mailboxId}`}, 0))`);
    if (await alreadyRecorded(tx, actor, mailboxId)) return false;
    await recordAudit(tx, {
      orgId: access.mailbox.orgId,
      actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
      mailbox: { id: mailboxId, address: access.mailbox.address },
      action: MAILBOX_OPEN,
      details: { rights: Object.keys(access.rights).filter((r) => access.rights[r as keyof typeof access.rights]) },
    });
    return true;
  });
  remember(db, key);
  return wrote;
}
