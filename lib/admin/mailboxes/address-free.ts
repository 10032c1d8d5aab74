import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, aliases } from "@/db/schema";
import { fieldError } from "@/lib/errors";

/** True when no account and no alias of the installation has the address (case-insensitive). */
export async function isAddressFree(db: Db, address: string): Promise<boolean> {
  const wanted = address.toLowerCase();
  const [taken] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(sql`lower(${accounts.address})`, wanted))
    .unionAll(
      db
        .select({ id: aliases.id })
        .from(aliases)
        .where(eq(sql`lower(${aliases.address})`, wanted)),
    )
    .limit(1);
  return !taken;
}

/**
 * Refuses an address any account or alias of the installation already has (case-insensitive),
 * with a field error on "localPart". This is the early, friendly answer; the unique indexes on
 * lower(address) and the trigger that checks accounts against aliases (migration
 * address_uniqueness) are what guarantee it when two creations race.
 */
export async function requireAddressFree(db: Db, address: string): Promise<void> {
  if (!(await isAddressFree(db, address))) throw addressTaken(address);
}

export const addressTaken = (address: string) => fieldError("localPart", "addressTaken", { address });
