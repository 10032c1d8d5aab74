import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { requireAddressFree } from "../mailboxes/address-free";
import { requireOrgDomain } from "../mailboxes/org-domains";
import { readPoolState, type PoolState } from "../pool/pool-state";
import { requireAdmin } from "../require-admin";
import type { NewSharedMailboxInput } from "../schemas";

export type SharedMailboxSummary = {
  address: string;
  displayName: string;
  quotaBytes: number;
  hidden: boolean;
  pool: { totalBytes: number; allocatedBytes: number; freeBytes: number; freeAfterBytes: number };
};

/** The quota must fit in what the pool has left; a field error on "quota" otherwise. */
export function requireQuotaFits(pool: Pick<PoolState, "freeBytes">, quotaBytes: number, alreadyHeld = 0): void {
  const free = pool.freeBytes + alreadyHeld;
  if (quotaBytes > free) throw new DomainError("poolExceeded", { quota: ["poolExceeded"] }, { freeBytes: free });
}

/**
 * Step "Next" of the create wizard: every check the creation will make, without writing, and
 * the summary to confirm. The creation makes them all again (the world may change in between).
 */
export async function reviewSharedMailbox(
  db: Db,
  actor: Actor,
  input: NewSharedMailboxInput,
): Promise<SharedMailboxSummary> {
  requireAdmin(actor);
  const domain = await requireOrgDomain(db, actor.orgId, input.domain);
  const address = `${input.localPart}@${domain}`;
  await requireAddressFree(db, address);
  const pool = await readPoolState(db, actor.orgId);
  requireQuotaFits(pool, input.quotaBytes);
  return {
    address,
    displayName: input.displayName,
    quotaBytes: input.quotaBytes,
    hidden: input.hidden,
    pool: {
      totalBytes: pool.totalBytes,
      allocatedBytes: pool.allocatedBytes,
      freeBytes: pool.freeBytes,
      freeAfterBytes: pool.freeBytes - input.quotaBytes,
    },
  };
}
