import "server-only";
import type { Db } from "@/db/client";
import type { Account } from "@/db/schema";
import { insertAccount } from "@/lib/accounts/insert-account";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { fieldError } from "@/lib/errors";
import { addressTaken, requireAddressFree } from "../mailboxes/address-free";
import { requireOrgDomain } from "../mailboxes/org-domains";
import { requireAdmin } from "../require-admin";
import type { NewUserInput } from "../schemas";
import { isUniqueViolation } from "../unique-violation";

/** Refuses a password that breaks the strength rule, as a field error on `field`. */
export function requireStrongPassword(password: string, field = "password"): void {
  const problem = passwordProblem(password);
  if (problem) throw fieldError(field, problem);
}

/**
 * Creates a user mailbox (issue 3 §5): an address on one of the organisation's domains that no
 * account has, a password that passes the strength rule (stored as an argon2id hash only), a
 * quota of its own (user mailboxes do not draw on the shared pool), and the admin role if asked.
 */
export async function createUser(db: Db, actor: Actor, input: NewUserInput): Promise<Account> {
  requireAdmin(actor);
  requireStrongPassword(input.password);
  const domain = await requireOrgDomain(db, actor.orgId, input.domain);
  const address = `${input.localPart}@${domain}`;
  await requireAddressFree(db, address);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const account = await insertAccount(tx, {
        orgId: actor.orgId,
        address,
        displayName: input.displayName,
        kind: "standard",
        role: input.admin ? "admin" : "user",
        passwordHash,
        quotaBytes: input.quotaBytes,
      });
      await recordAudit(tx, {
        orgId: actor.orgId,
        actor,
        mailbox: account,
        action: "user.create",
        details: { displayName: account.displayName, quotaBytes: account.quotaBytes, role: account.role },
      });
      return account;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw addressTaken(address);
    throw error;
  }
}
