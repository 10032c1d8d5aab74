import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, aliases } from "@/db/schema";
import { OPERATOR } from "@/lib/setup/operator";
import { DomainError } from "@/lib/errors";
import { deleteAlias, insertAlias, type AliasRow } from "./manage-aliases";
import { aliasAddressSchema } from "./schemas";

function parseAddress(address: string, field: string) {
  const parsed = aliasAddressSchema.safeParse(address);
  if (!parsed.success) throw new DomainError("invalid", { [field]: ["invalidAddress"] });
  return parsed.data;
}

async function mailboxByAddress(db: Db, address: string) {
  const [row] = await db
    .select({ id: accounts.id, orgId: accounts.orgId, address: accounts.address })
    .from(accounts)
    .where(eq(sql`lower(${accounts.address})`, address.trim().toLowerCase()));
  if (!row) throw new DomainError("unknownMailbox", undefined, { address });
  return row;
}

/** Command line: `alias add <mailbox> <alias>`, audited as the operator. */
export async function addAliasByAddress(db: Db, mailboxAddress: string, alias: string): Promise<AliasRow> {
  const wanted = parseAddress(alias, "alias");
  const mailbox = await mailboxByAddress(db, mailboxAddress);
  return insertAlias(db, OPERATOR, mailbox.orgId, mailbox.id, wanted);
}

/** Command line: `alias remove <alias>`, audited as the operator. */
export async function removeAliasByAddress(db: Db, alias: string): Promise<{ mailbox: string }> {
  const wanted = alias.trim().toLowerCase();
  const [row] = await db
    .select({ id: aliases.id, orgId: aliases.orgId, accountId: aliases.accountId, mailbox: accounts.address })
    .from(aliases)
    .innerJoin(accounts, eq(accounts.id, aliases.accountId))
    .where(eq(sql`lower(${aliases.address})`, wanted));
  if (!row) throw new DomainError("unknownAlias", undefined, { address: wanted });
  await deleteAlias(db, OPERATOR, row.orgId, row.accountId, row.id);
  return { mailbox: row.mailbox };
}

/** Command line: `alias list [mailbox]`, every alias with its mailbox. */
export async function listAliasesByAddress(
  db: Db,
  mailboxAddress?: string,
): Promise<{ alias: string; mailbox: string }[]> {
  const mailbox = mailboxAddress ? await mailboxByAddress(db, mailboxAddress) : undefined;
  return db
    .select({ alias: aliases.address, mailbox: accounts.address })
    .from(aliases)
    .innerJoin(accounts, eq(accounts.id, aliases.accountId))
    .where(mailbox ? eq(aliases.accountId, mailbox.id) : undefined)
    .orderBy(asc(accounts.address), asc(aliases.address));
}
