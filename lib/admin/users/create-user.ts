import "server-only";
import type { Db } from "@/db/client";
import type { Account } from "@/db/schema";
import { createUserAccount } from "@/lib/accounts/create-user-account";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "../require-admin";
import type { NewUserInput } from "../schemas";

export { requireStrongPassword } from "@/lib/accounts/create-user-account";

/**
 * Creates a user mailbox from the admin area (issue 3 §5): the admin's organisation, the one
 * creation path (lib/accounts/create-user-account.ts), the admin role if asked.
 */
export async function createUser(db: Db, actor: Actor, input: NewUserInput): Promise<Account> {
  requireAdmin(actor);
  return createUserAccount(db, {
    orgId: actor.orgId,
    localPart: input.localPart,
    domain: input.domain,
    displayName: input.displayName,
    password: input.password,
    quotaBytes: input.quotaBytes,
    role: input.admin ? "admin" : "user",
    by: actor,
  });
}
