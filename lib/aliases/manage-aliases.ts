import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, aliases } from "@/db/schema";
import { addressTaken, requireAddressFree } from "@/lib/admin/mailboxes/address-free";
import { requireOrgDomain } from "@/lib/admin/mailboxes/org-domains";
import { requireAdmin } from "@/lib/admin/require-admin";
import { isUniqueViolation } from "@/lib/admin/unique-violation";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit, type AuditInput } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import type { AddAliasInput, RemoveAliasInput } from "./schemas";

export type AliasRow = { id: string; address: string; createdAt: Date };
type AuditActor = AuditInput["actor"];
type Target = { id: string; orgId: string; address: string };

/** The mailbox, in the organisation, locked for the change; notFound for anything else. */
async function lockMailbox(tx: Db, orgId: string, mailboxId: string): Promise<Target> {
  const [row] = await tx
    .select({ id: accounts.id, orgId: accounts.orgId, address: accounts.address })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.id, mailboxId)))
    .for("update");
  if (!row) throw new DomainError("notFound");
  return row;
}

/**
 * Gives a mailbox an extra address on one of its organisation's domains: unique like an address
 * (no account and no other alias has it, case-insensitive), audited in the same transaction.
 * Used by the admin area (`addAlias`) and the command line (`addAliasByAddress`).
 */
export async function insertAlias(
  db: Db,
  auditActor: AuditActor,
  orgId: string,
  mailboxId: string,
  input: { localPart: string; domain: string },
): Promise<AliasRow> {
  const domain = await requireOrgDomain(db, orgId, input.domain);
  const address = `${input.localPart.toLowerCase()}@${domain}`;
  await requireAddressFree(db, address);
  try {
    return await db.transaction(async (tx) => {
      const mailbox = await lockMailbox(tx, orgId, mailboxId);
      const [row] = await tx
        .insert(aliases)
        .values({ orgId, accountId: mailbox.id, address })
        .returning({ id: aliases.id, address: aliases.address, createdAt: aliases.createdAt });
      await recordAudit(tx, { orgId, actor: auditActor, mailbox, action: "alias.add", details: { alias: address } });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw addressTaken(address);
    throw error;
  }
}

/** Takes an alias away from its mailbox, audited in the same transaction; notFound if it is not the mailbox's. */
export async function deleteAlias(
  db: Db,
  auditActor: AuditActor,
  orgId: string,
  mailboxId: string,
  aliasId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const mailbox = await lockMailbox(tx, orgId, mailboxId);
    const [removed] = await tx
      .delete(aliases)
      .where(and(eq(aliases.orgId, orgId), eq(aliases.accountId, mailbox.id), eq(aliases.id, aliasId)))
      .returning({ address: aliases.address });
    if (!removed) throw new DomainError("notFound");
    await recordAudit(tx, {
      orgId,
      actor: auditActor,
      mailbox,
      action: "alias.remove",
      details: { alias: removed.address },
    });
  });
}

/** A mailbox's aliases, by address. */
export async function selectAliases(db: Db, orgId: string, mailboxId: string): Promise<AliasRow[]> {
  return db
    .select({ id: aliases.id, address: aliases.address, createdAt: aliases.createdAt })
    .from(aliases)
    .where(and(eq(aliases.orgId, orgId), eq(aliases.accountId, mailboxId)))
    .orderBy(asc(aliases.address));
}

/** Admin area: add an alias to a mailbox of the admin's organisation. */
export async function addAlias(db: Db, actor: Actor, input: AddAliasInput): Promise<AliasRow> {
  requireAdmin(actor);
  return insertAlias(db, actor, actor.orgId, input.mailboxId, input);
}

/** Admin area: remove one of a mailbox's aliases. */
export async function removeAlias(db: Db, actor: Actor, input: RemoveAliasInput): Promise<void> {
  requireAdmin(actor);
  await deleteAlias(db, actor, actor.orgId, input.mailboxId, input.aliasId);
}

/** Admin area: a mailbox's aliases (notFound for a mailbox of another organisation). */
export async function listAliases(db: Db, actor: Actor, mailboxId: string): Promise<AliasRow[]> {
  requireAdmin(actor);
  const [mailbox] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, mailboxId)));
  if (!mailbox) throw new DomainError("notFound");
  return selectAliases(db, actor.orgId, mailboxId);
}
