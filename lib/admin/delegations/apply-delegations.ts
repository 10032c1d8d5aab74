import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversationStates, delegations, sharedFolderLinks } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { AuditInput } from "@/lib/audit/record-audit";
import { recordAudits } from "@/lib/audit/record-audit";
import type { DelegationGridInput } from "../schemas";
import { desiredState } from "./desired-state";
import { diffDelegations, type DelegationChange } from "./diff-delegations";
import { loadDelegationGrid } from "./load-delegation-grid";

export type ApplyResult =
  | { status: "applied"; changes: DelegationChange[] }
  /** The delegations changed since the summary was shown: nothing written, here is the new one. */
  | { status: "changed"; changes: DelegationChange[]; fingerprint: string };

/**
 * "Confirm" of Configure delegations (R3), in one transaction: the mailbox row is locked, the
 * summary's fingerprint is compared with the delegations as they are now, then rows are
 * upserted or deleted (a row with no right left is deleted), the folder links of everyone who
 * loses Full Access are deleted (R8: no orphans), and one audit event is written per change — and
 * one per delegate whose conversations the change unassigns (a trigger on delegations does it).
 * Access checks read the delegations on every request, so this takes effect at once.
 */
export async function applyDelegations(
  db: Db,
  actor: Actor,
  input: DelegationGridInput & { fingerprint: string },
): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    const grid = await loadDelegationGrid(tx, actor, input.mailboxId, { lock: true });
    const desired = desiredState(input, new Set(grid.rows.map((r) => r.id)));
    const changes = diffDelegations(grid.rows, grid.current, desired);
    if (grid.fingerprint !== input.fingerprint) return { status: "changed", changes, fingerprint: grid.fingerprint };
    if (changes.length === 0) return { status: "applied", changes };

    const { mailbox } = grid;
    const lostAccess = changes.filter((c) => c.removed.includes("fullAccess")).map((c) => c.delegate);
    // Their conversations of the mailbox, unassigned by the delegations trigger below: counted first,
    // for the trail.
    const unassigned = await assignedConversations(
      tx,
      { orgId: actor.orgId, id: mailbox.id },
      lostAccess.map((d) => d.id),
    );
    const upserts = changes.filter((c) => c.after);
    if (upserts.length) {
      await tx
        .insert(delegations)
        .values(
          upserts.map((c) => ({
            orgId: actor.orgId,
            mailboxId: mailbox.id,
            delegateId: c.delegate.id,
            grantedBy: actor.id,
            ...c.after!,
          })),
        )
        .onConflictDoUpdate({
          target: [delegations.orgId, delegations.mailboxId, delegations.delegateId],
          set: {
            fullAccess: sql`excluded.full_access`,
            sendAs: sql`excluded.send_as`,
            sendOnBehalf: sql`excluded.send_on_behalf`,
            automap: sql`excluded.automap`,
            grantedBy: sql`excluded.granted_by`,
            updatedAt: sql`now()`,
          },
        });
    }
    const emptied = changes.filter((c) => !c.after).map((c) => c.delegate.id);
    if (emptied.length) {
      await tx
        .delete(delegations)
        .where(
          and(
            eq(delegations.orgId, actor.orgId),
            eq(delegations.mailboxId, mailbox.id),
            inArray(delegations.delegateId, emptied),
          ),
        );
    }
    if (lostAccess.length) {
      await tx.delete(sharedFolderLinks).where(
        and(
          eq(sharedFolderLinks.orgId, actor.orgId),
          eq(sharedFolderLinks.mailboxId, mailbox.id),
          inArray(
            sharedFolderLinks.accountId,
            lostAccess.map((d) => d.id),
          ),
        ),
      );
    }
    await recordAudits(tx, [
      ...changes.flatMap((c) => auditOf(actor, mailbox, c)),
      ...lostAccess.flatMap((d): AuditInput[] => {
        const count = unassigned.get(d.id) ?? 0;
        if (count === 0) return [];
        const details = { count, assignee: null, previous: d.displayName, accessLost: true };
        return [{ orgId: actor.orgId, actor, mailbox, action: "conversation.assign", details }];
      }),
    ]);
    return { status: "applied", changes };
  });
}

/** How many conversations of the mailbox each of these delegates is assigned, by delegate. */
async function assignedConversations(tx: Db, mailbox: { orgId: string; id: string }, delegateIds: string[]) {
  if (delegateIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .select({ id: conversationStates.assigneeId, n: sql<number>`count(*)::int` })
    .from(conversationStates)
    .where(
      and(
        eq(conversationStates.orgId, mailbox.orgId),
        eq(conversationStates.accountId, mailbox.id),
        inArray(conversationStates.assigneeId, delegateIds),
      ),
    )
    .groupBy(conversationStates.assigneeId);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

function auditOf(actor: Actor, mailbox: { id: string; address: string }, c: DelegationChange): AuditInput[] {
  const base = { orgId: actor.orgId, actor, mailbox };
  const delegate = { delegateId: c.delegate.id, delegate: c.delegate.address };
  const events: AuditInput[] = [];
  if (c.granted.length) {
    events.push({
      ...base,
      action: "delegation.grant",
      details: { ...delegate, rights: c.granted, automap: c.after?.automap },
    });
  }
  if (c.removed.length) {
    events.push({
      ...base,
      action: "delegation.revoke",
      details: { ...delegate, rights: c.removed, deleted: !c.after },
    });
  }
  if (c.automap)
    events.push({ ...base, action: "delegation.automap", details: { ...delegate, automap: c.automap.to } });
  return events;
}
