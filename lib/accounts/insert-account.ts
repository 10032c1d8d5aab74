import "server-only";
import type { Db } from "@/db/client";
import { accounts, FOLDER_KINDS, folders, type Account, type WellKnownFolder } from "@/db/schema";

/** Canonical names of the well-known folders; the UI shows them translated by kind. */
export const WELL_KNOWN_NAMES: Record<WellKnownFolder, string> = {
  inbox: "Inbox",
  drafts: "Drafts",
  sent: "Sent Items",
  deleted: "Deleted Items",
  junk: "Junk Email",
  archive: "Archive",
};

export type NewAccount = {
  orgId: string;
  address: string;
  displayName: string;
  kind: "standard" | "shared";
  role?: "user" | "admin";
  passwordHash?: string | null;
  quotaBytes: number;
  hiddenFromDirectory?: boolean;
};

/**
 * Inserts a mailbox with its well-known folders. No authorization and no pool check here: the
 * callers (admin actions, the command line, the seed) do those in the same transaction.
 */
export async function insertAccount(tx: Db, input: NewAccount): Promise<Account> {
  const [account] = await tx
    .insert(accounts)
    .values({
      orgId: input.orgId,
      address: input.address.trim().toLowerCase(),
      displayName: input.displayName,
      kind: input.kind,
      role: input.kind === "shared" ? "user" : (input.role ?? "user"),
      passwordHash: input.kind === "shared" ? null : (input.passwordHash ?? null),
      quotaBytes: input.quotaBytes,
      hiddenFromDirectory: input.hiddenFromDirectory ?? false,
    })
    .returning();
  if (!account) throw new Error("account insert returned nothing");
  await tx
    .insert(folders)
    .values(
      FOLDER_KINDS.map((kind) => ({ orgId: input.orgId, accountId: account.id, kind, name: WELL_KNOWN_NAMES[kind] })),
    );
  return account;
}
