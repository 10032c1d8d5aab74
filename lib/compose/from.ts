import "server-only";
import { and, asc, eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, delegations } from "@/db/schema";
import { delegatedTo, getMailboxAccess, grantColumn, type AccessibleMailbox } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";

export type SendMode = "as" | "onBehalf";

/** One entry of the From picker. `value` is what the form sends back: `as:addr` or `onBehalf:addr`. */
export type FromOption = { value: string; mode: SendMode; address: string; name: string; own: boolean };

export const fromValue = (mode: SendMode, address: string) => `${mode}:${address}`;

export function parseFromValue(value: string): { mode: SendMode; address: string } | null {
  const match = /^(as|onBehalf):(\S+@\S+)$/.exec(value.trim());
  return match ? { mode: match[1] as SendMode, address: match[2]!.toLowerCase() } : null;
}

/**
 * What the actor may send as (R5): their own address, then each mailbox of their organisation
 * delegated to them with Send As and/or Send on Behalf (one entry per right). One query.
 */
export async function listFromOptions(db: Db, actor: Actor): Promise<FromOption[]> {
  const rows = await db
    .select({
      address: accounts.address,
      name: accounts.displayName,
      sendAs: grantColumn("sendAs"),
      sendOnBehalf: grantColumn("sendOnBehalf"),
    })
    .from(delegations)
    .innerJoin(accounts, and(eq(accounts.id, delegations.mailboxId), eq(accounts.orgId, delegations.orgId)))
    .where(or(delegatedTo(actor, "sendAs"), delegatedTo(actor, "sendOnBehalf")))
    .orderBy(asc(accounts.displayName), asc(accounts.address));
  const own: FromOption = {
    value: fromValue("as", actor.address),
    mode: "as",
    address: actor.address,
    name: actor.displayName,
    own: true,
  };
  return [
    own,
    ...rows.flatMap((r) => [
      ...(r.sendAs
        ? [{ value: fromValue("as", r.address), mode: "as" as const, address: r.address, name: r.name, own: false }]
        : []),
      ...(r.sendOnBehalf
        ? [
            {
              value: fromValue("onBehalf", r.address),
              mode: "onBehalf" as const,
              address: r.address,
              name: r.name,
              own: false,
            },
          ]
        : []),
    ]),
  ];
}

/**
 * The From a compose page starts with: the context mailbox (the shared mailbox one is composing
 * or replying in) when the actor may send from it — Send As first —, else their own address.
 */
export function defaultFrom(options: FromOption[], contextAddress?: string | null): string {
  const context = contextAddress?.toLowerCase();
  const match = context ? options.find((o) => o.address === context) : undefined;
  return (match ?? options[0]!).value;
}

export type ResolvedFrom = {
  mode: SendMode;
  mailbox: AccessibleMailbox;
  /** The actor sends from their own mailbox (no delegation involved). */
  own: boolean;
};

/**
 * Checks that the actor may send as the chosen From (the one access check, R12): Send As for
 * `as`, Send on Behalf for `onBehalf`; the owner sends as themself. A forged From is refused with
 * a field error (the same for a mailbox that does not exist) and, when `auditRefusal`, recorded
 * as "send.forbidden" in its own transaction, since the refused send writes nothing else.
 */
export async function resolveFrom(
  db: Db,
  actor: Actor,
  from: { mode: SendMode; address: string },
  options: { auditRefusal: boolean },
): Promise<ResolvedFrom> {
  const access = await getMailboxAccess(db, actor, { address: from.address });
  const allowed = access && (from.mode === "as" ? access.rights.sendAs : access.rights.sendOnBehalf);
  if (!access || !allowed) {
    if (options.auditRefusal) {
      await db.transaction((tx) =>
        recordAudit(tx, {
          orgId: actor.orgId,
          actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
          mailbox: access ? { id: access.mailbox.id, address: access.mailbox.address } : null,
          action: "send.forbidden",
          details: { from: from.address, mode: from.mode },
        }),
      );
    }
    throw new DomainError("sendForbidden", { from: ["sendForbidden"] }, { address: from.address });
  }
  return { mode: from.mode, mailbox: access.mailbox, own: access.isOwner };
}
