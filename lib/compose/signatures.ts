import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, signatures } from "@/db/schema";
import { mailboxesWith, requireMailboxRight } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";

export const MAX_SIGNATURE_CHARS = 2000;

/** A mailbox whose signature the actor may set (Full Access), with the signature it has. */
export type EditableSignature = { address: string; displayName: string; own: boolean; text: string };

/**
 * The signatures of the given mailboxes, by mailbox id (those with none are absent). Callers pass
 * mailboxes the actor may send from (the From picker's, or the From already checked by resolveFrom):
 * a signature is read to be put under a message sent from its mailbox, nothing else.
 */
export async function signaturesOf(db: Db, orgId: string, mailboxIds: string[]): Promise<Map<string, string>> {
  if (mailboxIds.length === 0) return new Map();
  const rows = await db
    .select({ accountId: signatures.accountId, text: signatures.text })
    .from(signatures)
    .where(and(eq(signatures.orgId, orgId), inArray(signatures.accountId, mailboxIds)));
  return new Map(rows.filter((r) => r.text.trim() !== "").map((r) => [r.accountId, r.text]));
}

/**
 * The signature of each From choice, by From value ("as:shared@…"): what compose shows under the
 * message and switches when the From changes. `options` come from listFromOptions (checked rights).
 */
export async function signaturesForFrom(
  db: Db,
  actor: Actor,
  options: { value: string; address: string }[],
): Promise<Record<string, string>> {
  if (options.length === 0) return {};
  const rows = await db
    .select({ address: accounts.address, text: signatures.text })
    .from(signatures)
    .innerJoin(accounts, and(eq(accounts.orgId, signatures.orgId), eq(accounts.id, signatures.accountId)))
    .where(
      and(
        eq(signatures.orgId, actor.orgId),
        inArray(
          accounts.address,
          options.map((o) => o.address),
        ),
      ),
    );
  const byAddress = new Map(rows.map((r) => [r.address, r.text]));
  return Object.fromEntries(
    options.flatMap((o) => (byAddress.get(o.address) ? [[o.value, byAddress.get(o.address)!]] : [])),
  );
}

/** The mailboxes whose signature the actor may set: their own, and each one they have Full Access to. */
export async function listEditableSignatures(db: Db, actor: Actor): Promise<EditableSignature[]> {
  const rows = await db
    .select({ id: accounts.id, address: accounts.address, displayName: accounts.displayName, text: signatures.text })
    .from(accounts)
    .leftJoin(signatures, and(eq(signatures.orgId, accounts.orgId), eq(signatures.accountId, accounts.id)))
    .where(mailboxesWith(db, actor, "fullAccess"))
    .orderBy(asc(accounts.address));
  return rows
    .map((r) => ({ address: r.address, displayName: r.displayName, own: r.id === actor.id, text: r.text ?? "" }))
    .sort((a, b) => Number(b.own) - Number(a.own));
}

/**
 * Sets a mailbox's signature (an empty text removes it). Full Access is required — the owner for a
 * user mailbox, a delegate with Full Access for a shared one; Send As or Send on Behalf alone is not
 * enough, and anyone else gets notFound, as for a mailbox that does not exist (R12).
 */
export async function setSignature(db: Db, actor: Actor, address: string, text: string): Promise<void> {
  const clean = text.replace(/\r\n?/g, "\n").replace(/\s+$/, "");
  await db.transaction(async (tx) => {
    const { mailbox } = await requireMailboxRight(tx, actor, { address }, "fullAccess");
    if (clean === "") {
      await tx.delete(signatures).where(and(eq(signatures.orgId, mailbox.orgId), eq(signatures.accountId, mailbox.id)));
      return;
    }
    await tx
      .insert(signatures)
      .values({ orgId: mailbox.orgId, accountId: mailbox.id, text: clean, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: signatures.accountId,
        set: { text: clean, updatedBy: actor.id, updatedAt: new Date() },
      });
  });
}
