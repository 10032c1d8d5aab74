import "server-only";
import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { dkimKeys, domains, type DkimKey } from "@/db/schema";
import { DomainError } from "@/lib/errors";

const generate = promisify(generateKeyPair);

/** A selector that changes with each key, so a new key can be published beside the old one. */
export const selectorFor = (date: Date) => `mr${date.toISOString().slice(0, 10).replace(/-/g, "")}`;

async function newKeyPair(): Promise<{ privateKeyPem: string; publicKey: string }> {
  const { privateKey, publicKey } = await generate("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
  };
}

/** The hosted domain by name (case-insensitive), or a "unknownDomain" error. */
async function hostedDomain(db: Db, name: string): Promise<{ name: string; orgId: string }> {
  const [row] = await db
    .select({ name: sql<string>`lower(${domains.name})`, orgId: domains.orgId })
    .from(domains)
    .where(eq(sql`lower(${domains.name})`, name.trim().toLowerCase()));
  if (!row) throw new DomainError("unknownDomain", { domain: ["unknownDomain"] }, { domain: name });
  return row;
}

/**
 * Makes a new DKIM key for a hosted domain (replacing the one it had: the DNS record must then be
 * published again). Checking that the actor may do so is the caller's business (admin or command line).
 */
export async function generateDkimKey(db: Db, domain: string, now = new Date()): Promise<DkimKey> {
  const hosted = await hostedDomain(db, domain);
  const pair = await newKeyPair();
  const values = { domain: hosted.name, orgId: hosted.orgId, selector: selectorFor(now), ...pair, createdAt: now };
  const [row] = await db
    .insert(dkimKeys)
    .values(values)
    .onConflictDoUpdate({ target: dkimKeys.domain, set: values })
    .returning();
  return row!;
}

/**
 * The key outbound mail from `domain` is signed with. A hosted domain that has none yet gets one
 * (every outbound message is signed, R15); two workers racing keep the first. Null for a domain
 * the installation does not host.
 */
export async function dkimKeyFor(db: Db, domain: string): Promise<DkimKey | null> {
  const name = domain.toLowerCase();
  const [existing] = await db.select().from(dkimKeys).where(eq(dkimKeys.domain, name));
  if (existing) return existing;
  const [hosted] = await db
    .select({ orgId: domains.orgId })
    .from(domains)
    .where(eq(sql`lower(${domains.name})`, name));
  if (!hosted) return null;
  const pair = await newKeyPair();
  await db
    .insert(dkimKeys)
    .values({ domain: name, orgId: hosted.orgId, selector: selectorFor(new Date()), ...pair })
    .onConflictDoNothing();
  const [row] = await db.select().from(dkimKeys).where(eq(dkimKeys.domain, name));
  return row ?? null;
}

/** The TXT record to publish at `<selector>._domainkey.<domain>`. */
export const dkimRecordValue = (key: Pick<DkimKey, "publicKey">) => `v=DKIM1; k=rsa; p=${key.publicKey}`;
