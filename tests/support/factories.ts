import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { delegations, domains, folders, GIB, organizations, type Account, type WellKnownFolder } from "../../db/schema";
import { insertAccount } from "../../lib/accounts/insert-account";
import { hashPassword } from "../../lib/auth/password";
import { buildMessage } from "../../lib/mime/build-message";
import { parseListing } from "../../lib/mime/parse-listing";
import { chargeQuota } from "../../lib/quota/charge";
import { storeMessage } from "../../lib/messages/store-message";

export const TEST_PASSWORD = "Correct-horse-9";
let cachedHash: Promise<string> | undefined;

export async function createOrg(db: Db, options: { domain?: string; poolBytes?: number; name?: string } = {}) {
  const domain = options.domain ?? `org-${randomUUID().slice(0, 8)}.test`;
  const [org] = await db
    .insert(organizations)
    .values({ name: options.name ?? domain, poolBytes: options.poolBytes ?? 10 * GIB })
    .returning();
  await db.insert(domains).values({ orgId: org!.id, name: domain });
  return { ...org!, domain };
}

type OrgRef = { id: string; domain: string };

export async function createUser(
  db: Db,
  org: OrgRef,
  options: { local?: string; name?: string; role?: "user" | "admin"; quotaBytes?: number; password?: string } = {},
): Promise<Account> {
  const local = options.local ?? `user-${randomUUID().slice(0, 8)}`;
  const passwordHash = options.password
    ? await hashPassword(options.password)
    : await (cachedHash ??= hashPassword(TEST_PASSWORD));
  return insertAccount(db, {
    orgId: org.id,
    address: `${local}@${org.domain}`,
    displayName: options.name ?? local,
    kind: "standard",
    role: options.role ?? "user",
    passwordHash,
    quotaBytes: options.quotaBytes ?? GIB,
  });
}

export async function createShared(
  db: Db,
  org: OrgRef,
  options: { local?: string; name?: string; quotaBytes?: number; hidden?: boolean } = {},
): Promise<Account> {
  const local = options.local ?? `shared-${randomUUID().slice(0, 8)}`;
  return insertAccount(db, {
    orgId: org.id,
    address: `${local}@${org.domain}`,
    displayName: options.name ?? local,
    kind: "shared",
    quotaBytes: options.quotaBytes ?? GIB,
    hiddenFromDirectory: options.hidden ?? false,
  });
}

export async function delegate(
  db: Db,
  mailbox: Account,
  delegateAccount: Account,
  rights: { fullAccess?: boolean; sendAs?: boolean; sendOnBehalf?: boolean; automap?: boolean },
) {
  const [row] = await db
    .insert(delegations)
    .values({
      orgId: mailbox.orgId,
      mailboxId: mailbox.id,
      delegateId: delegateAccount.id,
      fullAccess: rights.fullAccess ?? false,
      sendAs: rights.sendAs ?? false,
      sendOnBehalf: rights.sendOnBehalf ?? false,
      automap: rights.automap ?? true,
    })
    .returning();
  return row!;
}

export async function folderOf(db: Db, account: Account, kind: WellKnownFolder) {
  const [row] = await db
    .select()
    .from(folders)
    .where(and(eq(folders.accountId, account.id), eq(folders.kind, kind)));
  return row!;
}

/** Puts a real MIME message into a mailbox's folder, charging its quota. */
export async function addMessage(
  db: Db,
  account: Account,
  options: {
    folder?: WellKnownFolder;
    from?: { name: string; address: string };
    subject?: string;
    text?: string;
    html?: string;
    seen?: boolean;
    receivedAt?: Date;
  } = {},
) {
  const folder = await folderOf(db, account, options.folder ?? "inbox");
  const raw = await buildMessage({
    from: options.from ?? { name: "Sender", address: "sender@elsewhere.test" },
    to: [{ name: account.displayName, address: account.address }],
    subject: options.subject ?? "Hello",
    text: options.text ?? "Hello there.",
    html: options.html,
  });
  const listing = await parseListing(raw);
  return db.transaction(async (tx) => {
    const charged = await chargeQuota(tx, account.orgId, account.id, raw.length);
    if (!charged) throw new Error("quota");
    const stored = await storeMessage(tx, account.orgId, raw, listing, [
      { accountId: account.id, folderId: folder.id, seen: options.seen, receivedAt: options.receivedAt },
    ]);
    return { id: stored.messageIds[0]!, contentId: stored.contentId, raw, folderId: folder.id };
  });
}
