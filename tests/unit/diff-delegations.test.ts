import { describe, expect, it } from "vitest";
import {
  diffDelegations,
  fingerprintDelegations,
  type DelegationState,
} from "../../lib/admin/delegations/diff-delegations";

const person = { id: "p", address: "p@example.org", displayName: "P" };
const state = (s: Partial<DelegationState>): DelegationState => ({
  fullAccess: false,
  sendAs: false,
  sendOnBehalf: false,
  automap: true,
  ...s,
});
const diff = (before: DelegationState | null, wanted: DelegationState) =>
  diffDelegations([person], new Map(before ? [["p", before]] : []), new Map([["p", wanted]]));

describe("delegation changes", () => {
  it("grants to a new delegate, keeping the automap asked for", () => {
    expect(diff(null, state({ fullAccess: true, automap: false }))).toEqual([
      expect.objectContaining({
        granted: ["fullAccess"],
        removed: [],
        automap: null,
        before: null,
        after: state({ fullAccess: true, automap: false }),
      }),
    ]);
  });

  it("deletes the row when no right is left", () => {
    expect(diff(state({ sendAs: true }), state({}))).toEqual([
      expect.objectContaining({ removed: ["sendAs"], after: null }),
    ]);
  });

  it("ignores automap without Full Access, and keeps the stored value", () => {
    expect(diff(state({ sendAs: true, automap: false }), state({ sendAs: true, automap: true }))).toEqual([]);
    expect(diff(null, state({ automap: false }))).toEqual([]);
    const [change] = diff(state({ sendAs: true, automap: false }), state({ automap: true }));
    expect(change!.after).toBeNull();
  });

  it("reports an automap change on a Full Access delegation", () => {
    expect(diff(state({ fullAccess: true }), state({ fullAccess: true, automap: false }))).toEqual([
      expect.objectContaining({ granted: [], removed: [], automap: { from: true, to: false } }),
    ]);
  });

  it("leaves out people not in the submitted grid", () => {
    expect(diffDelegations([person], new Map([["p", state({ sendAs: true })]]), new Map())).toEqual([]);
  });

  it("fingerprints the delegations regardless of order, and changes with any right", () => {
    const a = new Map([
      ["x", state({ sendAs: true })],
      ["y", state({ fullAccess: true })],
    ]);
    const b = new Map([
      ["y", state({ fullAccess: true })],
      ["x", state({ sendAs: true })],
    ]);
    expect(fingerprintDelegations(a)).toBe(fingerprintDelegations(b));
    expect(fingerprintDelegations(a)).not.toBe(fingerprintDelegations(new Map([["x", state({ sendAs: true })]])));
    expect(fingerprintDelegations(a)).not.toBe(
      fingerprintDelegations(
        new Map([
          ["x", state({ sendAs: true })],
          ["y", state({ fullAccess: true, automap: false })],
        ]),
      ),
    );
  });
});
