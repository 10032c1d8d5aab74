import "server-only";
import { createHash } from "node:crypto";

export const RIGHTS = ["sendAs", "sendOnBehalf", "fullAccess"] as const;
export type Right = (typeof RIGHTS)[number];
export type DelegationState = Record<Right, boolean> & { automap: boolean };

export type Person = { id: string; address: string; displayName: string };

/** What Confirm will do for one person: rights granted and removed, automap turned on or off. */
export type DelegationChange = {
  delegate: Person;
  granted: Right[];
  removed: Right[];
  /** Set when an existing Full Access delegation changes its automap option. */
  automap: { from: boolean; to: boolean } | null;
  before: DelegationState | null;
  /** null: the delegation row is deleted (no right left). */
  after: DelegationState | null;
};

const hasRight = (s: DelegationState | null | undefined) => Boolean(s && RIGHTS.some((r) => s[r]));

/**
 * The changes from the delegations as they are (`current`) to the grid as submitted
 * (`desired`), for the people listed in `people`, in that order. Automap only matters with
 * Full Access: without it, the stored option is kept as it was.
 */
export function diffDelegations(
  people: Person[],
  current: Map<string, DelegationState>,
  desired: Map<string, DelegationState>,
): DelegationChange[] {
  const changes: DelegationChange[] = [];
  for (const person of people) {
    const before = current.get(person.id) ?? null;
    const wanted = desired.get(person.id);
    if (!wanted) continue;
    const after: DelegationState | null = hasRight(wanted)
      ? { ...wanted, automap: wanted.fullAccess ? wanted.automap : (before?.automap ?? true) }
      : null;
    const granted = RIGHTS.filter((r) => after?.[r] && !before?.[r]);
    const removed = RIGHTS.filter((r) => before?.[r] && !after?.[r]);
    const automap =
      before && after && before.fullAccess && after.fullAccess && before.automap !== after.automap
        ? { from: before.automap, to: after.automap }
        : null;
    const rowChanged = (before === null) !== (after === null) || (before && after && before.automap !== after.automap);
    if (granted.length || removed.length || automap || rowChanged) {
      changes.push({ delegate: person, granted, removed, automap, before, after });
    }
  }
  return changes;
}

/** A short digest of the delegations as they are, to notice a change between Next and Confirm. */
export function fingerprintDelegations(current: Map<string, DelegationState>): string {
  const lines = [...current.entries()]
    .map(([id, s]) => `${id}:${+s.fullAccess}${+s.sendAs}${+s.sendOnBehalf}${+s.automap}`)
    .sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 24);
}
