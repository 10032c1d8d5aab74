import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import { requireMailboxRight, type MailboxRef } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { clearReaderStates } from "@/lib/messages/read-state";

/**
 * A shared mailbox's read state, shared or per person (lib/messages/read-state.ts), set by its Full
 * Access delegates (the admin sets it on the mailbox's page too). Turning it off keeps the shared
 * state and forgets each person's. Audited on the mailbox, in the same transaction.
 */
export async function setReadPerPerson(
  db: Db,
  actor: Actor,
  ref: MailboxRef,
  perPerson: boolean,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const access = await requireMailboxRight(tx, actor, ref, "fullAccess");
    const { mailbox } = access;
    if (mailbox.kind !== "shared") throw new DomainError("notFound");
    const [current] = await tx
      .select({ readPerPerson: accounts.readPerPerson })
      .from(accounts)
      .where(and(eq(accounts.orgId, mailbox.orgId), eq(accounts.id, mailbox.id)))
      .for("update");
    if (!current || current.readPerPerson === perPerson) return { changed: false };
    await tx
      .update(accounts)
      .set({ readPerPerson: perPerson, updatedAt: sql`now()` })
      .where(and(eq(accounts.orgId, mailbox.orgId), eq(accounts.id, mailbox.id)));
    if (!perPerson) await clearReaderStates(tx, mailbox.id);
    await recordAudit(tx, {
      orgId: mailbox.orgId,
      actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
      mailbox: { id: mailbox.id, address: mailbox.address },
      action: "mailbox.readState",
      details: { readPerPerson: perPerson },
    });
    return { changed: true };
  });
}
