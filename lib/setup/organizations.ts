import "server-only";
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accounts, domains, GIB, organizations, type Organization } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { OPERATOR } from "@/lib/setup/operator";
import { displayNameSchema, domainNameSchema, issuesOf } from "./validate";

const percent = z.number().int().min(1).max(100);

export const newOrganization = z
  .object({
    name: displayNameSchema,
    domains: z.array(domainNameSchema).min(1, "domainRequired"),
    poolRule: z.enum(["fixed", "per_user"]).default("fixed"),
    poolBytes: z
      .number()
      .int()
      .positive("poolPositive")
      .default(10 * GIB),
    warnPercent: percent.default(90),
    sendBlockPercent: percent.default(95),
    receiveBlockPercent: percent.default(100),
  })
  .refine((o) => o.warnPercent <= o.sendBlockPercent && o.sendBlockPercent <= o.receiveBlockPercent, {
    message: "thresholdsOrder",
    path: ["thresholds"],
  })
  .refine((o) => new Set(o.domains).size === o.domains.length, { message: "domainRepeated", path: ["domains"] });

export type NewOrganization = z.input<typeof newOrganization>;

/** Creates an organisation with its mail domains and its shared-quota pool rule. */
export async function createOrganization(
  db: Db,
  input: NewOrganization,
): Promise<Organization & { domains: string[] }> {
  const parsed = newOrganization.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", issuesOf(parsed.error));
  const { domains: names, ...fields } = parsed.data;
  return db.transaction(async (tx) => {
    const taken = await tx
      .select({ name: domains.name })
      .from(domains)
      .where(inArray(sql`lower(${domains.name})`, names));
    if (taken.length) throw new DomainError("domainTaken", { domains: ["domainTaken"] }, { domain: taken[0]!.name });
    const [org] = await tx.insert(organizations).values(fields).returning();
    await tx.insert(domains).values(names.map((name) => ({ orgId: org!.id, name })));
    await recordAudit(tx, {
      orgId: org!.id,
      actor: OPERATOR,
      action: "organization.create",
      details: { name: org!.name, domains: names, poolRule: org!.poolRule, poolBytes: org!.poolBytes },
    });
    return { ...org!, domains: names };
  });
}

/** An organisation named by its id or by one of its domains. */
export async function findOrganization(db: Db, ref: string): Promise<Organization & { domains: string[] }> {
  const value = ref.trim().toLowerCase();
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
  const [row] = await db
    .select({ org: organizations })
    .from(organizations)
    .innerJoin(domains, eq(domains.orgId, organizations.id))
    .where(isId ? eq(organizations.id, value) : eq(sql`lower(${domains.name})`, value))
    .limit(1);
  if (!row) throw new DomainError("unknownOrganization", undefined, { organization: ref });
  const names = await db
    .select({ name: domains.name })
    .from(domains)
    .where(eq(domains.orgId, row.org.id))
    .orderBy(asc(domains.name));
  return { ...row.org, domains: names.map((d) => d.name) };
}

export type OrganizationSummary = Organization & { domains: string[]; users: number; shared: number; admins: number };

/** Every organisation with its domains and how many mailboxes it has. */
export async function listOrganizations(db: Db): Promise<OrganizationSummary[]> {
  const orgs = await db.select().from(organizations).orderBy(asc(organizations.name), asc(organizations.id));
  const domainRows = await db
    .select({ orgId: domains.orgId, name: domains.name })
    .from(domains)
    .orderBy(asc(domains.name));
  const counts = await db
    .select({ orgId: accounts.orgId, kind: accounts.kind, role: accounts.role, n: count() })
    .from(accounts)
    .groupBy(accounts.orgId, accounts.kind, accounts.role);
  return orgs.map((org) => {
    const mine = counts.filter((c) => c.orgId === org.id);
    const sum = (f: (c: (typeof mine)[number]) => boolean) => mine.filter(f).reduce((n, c) => n + c.n, 0);
    return {
      ...org,
      domains: domainRows.filter((d) => d.orgId === org.id).map((d) => d.name),
      users: sum((c) => c.kind === "standard"),
      shared: sum((c) => c.kind === "shared"),
      admins: sum((c) => c.role === "admin"),
    };
  });
}
