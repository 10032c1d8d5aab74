import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import { fieldError } from "@/lib/errors";

/**
 * Refuses an address any account of the installation already has (case-insensitive), with a
 * field error on "localPart". This is the early, friendly answer; the unique index on
 * lower(address) is what guarantees it when two creations race.
 */
export async function requireAddressFree(db: Db, address: string): Promise<void> {
  const [taken] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(sql`lower(${accounts.address})`, address.toLowerCase()))
    .limit(1);
  if (taken) throw addressTaken(address);
}

export const addressTaken = (address: string) => fieldError("localPart", "addressTaken", { address });
