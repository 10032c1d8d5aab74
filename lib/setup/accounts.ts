import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accounts, GIB, organizations, type Account } from "@/db/schema";
import { createUserAccount } from "@/lib/accounts/create-user-account";
import { DomainError } from "@/lib/errors";
import { OPERATOR } from "@/lib/setup/operator";
import { findOrganization } from "./organizations";
import { addressSchema, displayNameSchema, issuesOf } from "./validate";

export const newAdmin = z.object({
  organization: z.string().trim().min(1, "organizationRequired"),
  address: addressSchema,
  displayName: displayNameSchema,
  password: z.string(),
  quotaBytes: z
    .number()
    .int()
    .positive("quotaPositive")
    .default(2 * GIB),
});

export type NewAdmin = z.input<typeof newAdmin>;

/**
 * Creates an admin user mailbox in an organisation (the first one, typically: from then on
 * admins manage accounts in the admin area), by the same path as the admin area's "New user".
 */
export function createAdmin(db: Db, input: NewAdmin): Promise<Account> {
  return createUserMailbox(db, input, "admin");
}

/**
 * Creates a user mailbox from the command line (scripted set-ups, imports of a whole
 * organisation): a plain user unless `role` is "admin". Same checks and audit as an admin's.
 */
export async function createUserMailbox(db: Db, input: NewAdmin, role: "user" | "admin" = "user"): Promise<Account> {
  const parsed = newAdmin.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", issuesOf(parsed.error));
  const { address, localPart, domain } = parsed.data.address;
  const org = await findOrganization(db, parsed.data.organization);
  if (!org.domains.includes(domain))
    throw new DomainError("unknownDomain", { address: ["unknownDomain"] }, { domain, domains: org.domains.join(", ") });
  return createUserAccount(db, {
    orgId: org.id,
    localPart,
    domain,
    displayName: parsed.data.displayName,
    password: parsed.data.password,
    quotaBytes: parsed.data.quotaBytes,
    role,
    by: OPERATOR,
  }).catch((error: unknown) => {
    // The command line names the whole address where the admin form names the local part.
    if (error instanceof DomainError && error.code === "addressTaken")
      throw new DomainError("addressTaken", { address: ["addressTaken"] }, { address });
    throw error;
  });
}

export type MailboxSummary = Pick<
  Account,
  "id" | "address" | "displayName" | "kind" | "role" | "state" | "usedBytes" | "quotaBytes" | "hiddenFromDirectory"
> & { organization: string };

/** Mailboxes of one organisation (or all), by organisation, kind then address. */
export async function listMailboxes(db: Db, organization?: string): Promise<MailboxSummary[]> {
  const org = organization ? await findOrganization(db, organization) : null;
  return db
    .select({
      id: accounts.id,
      address: accounts.address,
      displayName: accounts.displayName,
      kind: accounts.kind,
      role: accounts.role,
      state: accounts.state,
      usedBytes: accounts.usedBytes,
      quotaBytes: accounts.quotaBytes,
      hiddenFromDirectory: accounts.hiddenFromDirectory,
      organization: organizations.name,
    })
    .from(accounts)
    .innerJoin(organizations, eq(organizations.id, accounts.orgId))
    .where(and(org ? eq(accounts.orgId, org.id) : undefined))
    .orderBy(asc(organizations.name), asc(accounts.kind), asc(accounts.address));
}
