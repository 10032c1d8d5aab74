import "server-only";
import type { Db } from "@/db/client";
import type { Account } from "@/db/schema";
import { insertAccount } from "@/lib/accounts/insert-account";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { addressTaken, requireAddressFree } from "../mailboxes/address-free";
import { requireOrgDomain } from "../mailboxes/org-domains";
import { readPoolState } from "../pool/pool-state";
import { requireAdmin } from "../require-admin";
import type { NewSharedMailboxInput } from "../schemas";
import { isUniqueViolation } from "../unique-violation";
import { requireQuotaFits } from "./review-shared-mailbox";

/**
 * "Confirm" of the create wizard (R1). In one transaction: the organisation row is locked, so
 * racing creations queue; the pool is summed and checked; the address is checked; the mailbox
 * and its folders are inserted; the audit event is written. The unique index on lower(address)
 * is the final word on the address: its violation is answered "This address already exists".
 */
export async function createSharedMailbox(db: Db, actor: Actor, input: NewSharedMailboxInput): Promise<Account> {
  requireAdmin(actor);
  let address = "";
  try {
    return await db.transaction(async (tx) => {
      const domain = await requireOrgDomain(tx, actor.orgId, input.domain);
      address = `${input.localPart}@${domain}`;
      const pool = await readPoolState(tx, actor.orgId, { lock: true });
      requireQuotaFits(pool, input.quotaBytes);
      await requireAddressFree(tx, address);
      const account = await insertAccount(tx, {
        orgId: actor.orgId,
        address,
        displayName: input.displayName,
        kind: "shared",
        quotaBytes: input.quotaBytes,
        hiddenFromDirectory: input.hidden,
      });
      await recordAudit(tx, {
        orgId: actor.orgId,
        actor,
        mailbox: account,
        action: "shared.create",
        details: {
          displayName: account.displayName,
          quotaBytes: account.quotaBytes,
          hidden: account.hiddenFromDirectory,
        },
      });
      return account;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw addressTaken(address);
    throw error;
  }
}
