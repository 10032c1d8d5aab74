import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, delegations, domains, folders, GIB, organizations } from "@/db/schema";
import { insertAccount } from "@/lib/accounts/insert-account";
import { hashPassword } from "@/lib/auth/password";
import { buildMessage } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import { storeMessage } from "@/lib/messages/store-message";
import { chargeQuota } from "@/lib/quota/charge";
import { demoMessages, hostileHtmlMessage, type DemoMessage } from "./demo-mail";

export const DEMO_DOMAIN = "example.org";
export const DEMO_PASSWORD = "Mailroom-demo-2026";
export const DEMO_ACCOUNTS = [
  { local: "admin", name: "Alex Admin", role: "admin" as const, messages: 5 },
  { local: "guide", name: "Guide Dupont", role: "user" as const, messages: 36 },
  { local: "configuration", name: "Camille Configuration", role: "user" as const, messages: 30 },
];
export const DEMO_SHARED = { local: "support", name: "Support Example", messages: 12, quotaBytes: 2 * GIB };

async function fill(
  db: Db,
  account: { id: string; orgId: string; address: string; displayName: string },
  count: number,
  extra: DemoMessage[] = [],
) {
  const [inbox] = await db
    .select({ id: folders.id })
    .from(folders)
    .where(and(eq(folders.accountId, account.id), eq(folders.kind, "inbox")));
  for (const message of [...demoMessages({ name: account.displayName, address: account.address }, count), ...extra]) {
    const raw = await buildMessage(message);
    const listing = await parseListing(raw);
    await db.transaction(async (tx) => {
      if (!(await chargeQuota(tx, account.orgId, account.id, raw.length))) return;
      await storeMessage(tx, account.orgId, raw, listing, [
        {
          accountId: account.id,
          folderId: inbox!.id,
          seen: message.seen,
          flagged: message.flagged,
          receivedAt: message.receivedAt,
        },
      ]);
    });
  }
}

/**
 * The demo organisation: an admin, the guide's two users, and a shared mailbox delegated to them.
 * Idempotent: what exists is left as it is (including its mail), what is missing is created.
 */
export async function seedDemo(db: Db): Promise<{ created: string[] }> {
  const created: string[] = [];
  let [domain] = await db
    .select()
    .from(domains)
    .where(eq(sql`lower(${domains.name})`, DEMO_DOMAIN));
  if (!domain) {
    const [org] = await db.insert(organizations).values({ name: "Example Organisation" }).returning();
    [domain] = await db.insert(domains).values({ orgId: org!.id, name: DEMO_DOMAIN }).returning();
    created.push(`organisation ${DEMO_DOMAIN}`);
  }
  const orgId = domain!.orgId;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const byLocal: Record<string, { id: string }> = {};

  for (const spec of [...DEMO_ACCOUNTS, { ...DEMO_SHARED, role: "user" as const, shared: true }]) {
    const address = `${spec.local}@${DEMO_DOMAIN}`;
    const [existing] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.address, address));
    if (existing) {
      byLocal[spec.local] = existing;
      continue;
    }
    const shared = "shared" in spec;
    const account = await db.transaction((tx) =>
      insertAccount(tx, {
        orgId,
        address,
        displayName: spec.name,
        kind: shared ? "shared" : "standard",
        role: spec.role,
        passwordHash: shared ? null : passwordHash,
        quotaBytes: shared ? DEMO_SHARED.quotaBytes : 2 * GIB,
      }),
    );
    // guide@ also gets an HTML message carrying known mail attacks, to show (and test) that the
    // reading pane neither runs nor loads anything from it.
    const extra = spec.local === "guide" ? [hostileHtmlMessage({ name: spec.name, address })] : [];
    await fill(db, account, spec.messages, extra);
    byLocal[spec.local] = account;
    created.push(address);
  }

  const support = byLocal[DEMO_SHARED.local]!;
  await db
    .insert(delegations)
    .values([
      { orgId, mailboxId: support.id, delegateId: byLocal.guide!.id, fullAccess: true, automap: true },
      { orgId, mailboxId: support.id, delegateId: byLocal.configuration!.id, fullAccess: true, sendAs: true },
    ])
    .onConflictDoNothing();
  return { created };
}
