import type { DelegationChange, DelegationState, Right } from "@/lib/admin/delegations/diff-delegations";

export type { DelegationChange, DelegationState, Right };
export const RIGHT_COLUMNS: Right[] = ["sendAs", "sendOnBehalf", "fullAccess"];

/** One possible delegate as the grid shows them. */
export type GridPerson = {
  id: string;
  address: string;
  displayName: string;
  state: "active" | "suspended";
  current: DelegationState | null;
};

export type GridStep =
  | { step: "grid" }
  | { step: "summary"; changes: DelegationChange[]; fingerprint: string }
  | { step: "done"; changes: DelegationChange[] };
