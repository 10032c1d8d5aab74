import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";

/**
 * The signed-in person's own choices about how the webmail shows their mail. Each changes the
 * actor's account only: there is no one else's preference to reach.
 */
export async function setConversationView(db: Db, actor: Actor, on: boolean): Promise<void> {
  const changed = await db
    .update(accounts)
    .set({ conversationView: on, updatedAt: new Date() })
    .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, actor.id), eq(accounts.kind, "standard")))
    .returning({ id: accounts.id });
  if (changed.length === 0) throw new DomainError("notFound");
}
