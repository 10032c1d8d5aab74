import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, type Account } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user mailbox of the actor's organisation, locked for the rest of the transaction. */
export async function lockUser(tx: Db, actor: Actor, id: string): Promise<Account> {
  if (!UUID.test(id)) throw new DomainError("notFound");
  const [user] = await tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, id), eq(accounts.kind, "standard")))
    .for("update");
  if (!user) throw new DomainError("notFound");
  return user;
}

/** Admins do not suspend or delete themselves: the organisation would lose its last way in. */
export function refuseSelf(actor: Actor, user: Account, code: "cannotDeleteSelf" | "cannotSuspendSelf"): void {
  if (user.id === actor.id) throw new DomainError(code);
}
