import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, domains } from "@/db/schema";
import { domainOf } from "@/lib/mime/addresses";

/** A mailbox of this installation (any organisation) that mail can be delivered to. */
export type DeliveryMailbox = { id: string; orgId: string; address: string; displayName: string };

export type ClassifiedRecipients = {
  /** Mailboxes of the installation, any organisation, shared ones included. */
  local: DeliveryMailbox[];
  /** A domain of the installation, but no such mailbox: a 5.1.1 report. */
  unknown: string[];
  /** A domain the installation does not host: refused before sending (no outbound relay yet). */
  external: string[];
};

/** Sorts recipient addresses into local mailboxes, unknown local addresses and external ones (two queries). */
export async function classifyRecipients(db: Db, addresses: string[]): Promise<ClassifiedRecipients> {
  const wanted = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return { local: [], unknown: [], external: [] };
  const local = await db
    .select({ id: accounts.id, orgId: accounts.orgId, address: accounts.address, displayName: accounts.displayName })
    .from(accounts)
    .where(inArray(sql`lower(${accounts.address})`, wanted));
  const found = new Set(local.map((m) => m.address));
  const rest = wanted.filter((a) => !found.has(a));
  const restDomains = [...new Set(rest.map(domainOf))];
  const hosted = restDomains.length
    ? await db
        .select({ name: sql<string>`lower(${domains.name})` })
        .from(domains)
        .where(inArray(sql`lower(${domains.name})`, restDomains))
    : [];
  const hostedSet = new Set(hosted.map((d) => d.name));
  return {
    local: wanted.flatMap((a) => local.filter((m) => m.address === a)),
    unknown: rest.filter((a) => hostedSet.has(domainOf(a))),
    external: rest.filter((a) => !hostedSet.has(domainOf(a))),
  };
}
