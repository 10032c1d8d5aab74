import { DomainError } from "@/lib/errors";
import type { DelegationGridInput } from "../schemas";
import type { DelegationState } from "./diff-delegations";

/**
 * The grid as submitted, person by person. Every listed or ticked id must be a possible
 * delegate (a user mailbox of the organisation, not the mailbox itself): anything else — a
 * shared mailbox, another organisation's account, the mailbox itself — is refused as a whole.
 */
export function desiredState(input: DelegationGridInput, allowed: Set<string>): Map<string, DelegationState> {
  const ticked = {
    fullAccess: new Set(input.fullAccess),
    sendAs: new Set(input.sendAs),
    sendOnBehalf: new Set(input.sendOnBehalf),
    automap: new Set(input.automap),
  };
  const listed = new Set(input.delegates);
  for (const id of [...listed, ...input.fullAccess, ...input.sendAs, ...input.sendOnBehalf]) {
    if (!allowed.has(id) || !listed.has(id)) throw new DomainError("invalidDelegate");
  }
  const desired = new Map<string, DelegationState>();
  for (const id of listed) {
    desired.set(id, {
      fullAccess: ticked.fullAccess.has(id),
      sendAs: ticked.sendAs.has(id),
      sendOnBehalf: ticked.sendOnBehalf.has(id),
      automap: ticked.automap.has(id),
    });
  }
  return desired;
}
