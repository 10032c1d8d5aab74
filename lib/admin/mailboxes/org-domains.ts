import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { domains } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { fieldError } from "@/lib/errors";
import { requireAdmin } from "../require-admin";

/** The mail domains of the actor's organisation, for the address pickers. */
export async function listOrgDomains(db: Db, actor: Actor): Promise<string[]> {
  requireAdmin(actor);
  const rows = await db
    .select({ name: domains.name })
    .from(domains)
    .where(eq(domains.orgId, actor.orgId))
    .orderBy(asc(domains.name));
  return rows.map((r) => r.name.toLowerCase());
}

/** The domain as stored if it is one of the organisation's; a field error on "domain" otherwise. */
export async function requireOrgDomain(db: Db, orgId: string, name: string): Promise<string> {
  const [row] = await db
    .select({ name: domains.name })
    .from(domains)
    .where(and(eq(domains.orgId, orgId), eq(sql`lower(${domains.name})`, name.trim().toLowerCase())));
  if (!row) throw fieldError("domain", "unknownDomain");
  return row.name.toLowerCase();
}
