import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, delegations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { requireAdmin } from "../require-admin";
import { fingerprintDelegations, type DelegationState, type Person } from "./diff-delegations";

export type GridRow = Person & { state: "active" | "suspended"; current: DelegationState | null };

export type DelegationGrid = {
  mailbox: { id: string; address: string; displayName: string; kind: "standard" | "shared" };
  /** Every user mailbox of the organisation but the mailbox itself: the possible delegates. */
  rows: GridRow[];
  current: Map<string, DelegationState>;
  fingerprint: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The delegation grid of a mailbox of the actor's organisation (shared or user): two queries,
 * whatever the number of people. With `lock`, the mailbox row is locked first, so that two
 * admins confirming changes to the same mailbox queue.
 */
export async function loadDelegationGrid(
  db: Db,
  actor: Actor,
  mailboxId: string,
  options: { lock?: boolean } = {},
): Promise<DelegationGrid> {
  requireAdmin(actor);
  if (!UUID.test(mailboxId)) throw new DomainError("notFound");
  const query = db
    .select({ id: accounts.id, address: accounts.address, displayName: accounts.displayName, kind: accounts.kind })
    .from(accounts)
    .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, mailboxId)));
  const [mailbox] = options.lock ? await query.for("update") : await query;
  if (!mailbox) throw new DomainError("notFound");

  const people = await db
    .select({
      id: accounts.id,
      address: accounts.address,
      displayName: accounts.displayName,
      state: accounts.state,
      fullAccess: delegations.fullAccess,
      sendAs: delegations.sendAs,
      sendOnBehalf: delegations.sendOnBehalf,
      automap: delegations.automap,
    })
    .from(accounts)
    .leftJoin(
      delegations,
      and(
        eq(delegations.orgId, accounts.orgId),
        eq(delegations.mailboxId, mailbox.id),
        eq(delegations.delegateId, accounts.id),
      ),
    )
    .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.kind, "standard"), ne(accounts.id, mailbox.id)))
    .orderBy(asc(accounts.address));

  const current = new Map<string, DelegationState>();
  const rows: GridRow[] = people.map((p) => {
    const state =
      p.fullAccess === null
        ? null
        : {
            fullAccess: p.fullAccess,
            sendAs: p.sendAs ?? false,
            sendOnBehalf: p.sendOnBehalf ?? false,
            automap: p.automap ?? true,
          };
    if (state) current.set(p.id, state);
    return { id: p.id, address: p.address, displayName: p.displayName, state: p.state, current: state };
  });
  return { mailbox, rows, current, fingerprint: fingerprintDelegations(current) };
}
