import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { DelegationGridInput } from "../schemas";
import { desiredState } from "./desired-state";
import { diffDelegations, type DelegationChange } from "./diff-delegations";
import { loadDelegationGrid } from "./load-delegation-grid";

export type DelegationReview = { changes: DelegationChange[]; fingerprint: string };

/** Step "Next" of Configure delegations: the changes person by person, nothing written. */
export async function reviewDelegations(db: Db, actor: Actor, input: DelegationGridInput): Promise<DelegationReview> {
  const grid = await loadDelegationGrid(db, actor, input.mailboxId);
  const desired = desiredState(input, new Set(grid.rows.map((r) => r.id)));
  return { changes: diffDelegations(grid.rows, grid.current, desired), fingerprint: grid.fingerprint };
}
