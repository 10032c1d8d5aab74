import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accounts, GIB, organizations, type Account } from "@/db/schema";
import { insertAccount } from "@/lib/accounts/insert-account";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { DomainError } from "@/lib/errors";
import { OPERATOR } from "@/lib/setup/operator";
import { findOrganization } from "./organizations";
import { displayName, issuesOf, localPart } from "./validate";

export const newAdmin = z.object({
  organization: z.string().trim().min(1, "organizationRequired"),
  address: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[^@\s]+@[^@\s]+$/, "invalidAddress"),
  displayName,
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
 * admins manage accounts in the admin area). The password follows the sign-in strength rule.
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
  const { address, password, quotaBytes } = parsed.data;
  const org = await findOrganization(db, parsed.data.organization);
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const localCheck = localPart.safeParse(local);
  if (!localCheck.success) throw new DomainError("invalid", { address: [localCheck.error.issues[0]!.message] });
  if (!org.domains.includes(domain))
    throw new DomainError("unknownDomain", { address: ["unknownDomain"] }, { domain, domains: org.domains.join(", ") });
  const weak = passwordProblem(password);
  if (weak) throw new DomainError("invalid", { password: [weak] });
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.address, address));
    if (taken) throw new DomainError("addressTaken", { address: ["addressTaken"] }, { address });
    const account = await insertAccount(tx, {
      orgId: org.id,
      address,
      displayName: parsed.data.displayName,
      kind: "standard",
      role,
      passwordHash,
      quotaBytes,
    });
    await recordAudit(tx, {
      orgId: org.id,
      actor: OPERATOR,
      mailbox: { id: account.id, address: account.address },
      action: "account.create",
      details: { role, quotaBytes },
    });
    return account;
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
