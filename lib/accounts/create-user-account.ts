import "server-only";
import type { Db } from "@/db/client";
import type { Account } from "@/db/schema";
import { addressTaken, requireAddressFree } from "@/lib/admin/mailboxes/address-free";
import { requireOrgDomain } from "@/lib/admin/mailboxes/org-domains";
import { isUniqueViolation } from "@/lib/admin/unique-violation";
import { recordAudit, type AuditInput } from "@/lib/audit/record-audit";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { fieldError } from "@/lib/errors";
import { insertAccount } from "./insert-account";

export type NewUserAccount = {
  orgId: string;
  /** Already checked by localPartSchema / displayNameSchema (lib/accounts/account-fields.ts). */
  localPart: string;
  domain: string;
  displayName: string;
  password: string;
  quotaBytes: number;
  role: "user" | "admin";
  /** Who creates it, for the audit trail: an admin, or the command line's operator. */
  by: AuditInput["actor"];
};

/** Refuses a password that breaks the strength rule, as a field error on `field`. */
export function requireStrongPassword(password: string, field = "password"): void {
  const problem = passwordProblem(password);
  if (problem) throw fieldError(field, problem);
}

/**
 * The one way a user mailbox is created, from the admin area or the command line: an address on
 * one of the organisation's domains that no account has, a password that passes the strength rule
 * (stored as an argon2id hash only), its own quota, its role; audited as "user.create" in the
 * same transaction. Authorization is the caller's (requireAdmin, or the operator's shell).
 */
export async function createUserAccount(db: Db, input: NewUserAccount): Promise<Account> {
  requireStrongPassword(input.password);
  const domain = await requireOrgDomain(db, input.orgId, input.domain);
  const address = `${input.localPart}@${domain}`;
  await requireAddressFree(db, address);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const account = await insertAccount(tx, {
        orgId: input.orgId,
        address,
        displayName: input.displayName,
        kind: "standard",
        role: input.role,
        passwordHash,
        quotaBytes: input.quotaBytes,
      });
      await recordAudit(tx, {
        orgId: input.orgId,
        actor: input.by,
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
