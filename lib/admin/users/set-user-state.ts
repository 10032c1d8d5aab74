import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { revokeAccountSessions } from "@/lib/auth/sessions";
import { requireAdmin } from "../require-admin";
import { lockUser, refuseSelf } from "./lock-user";

/**
 * Suspends or reactivates a user mailbox. Suspended: sign-in fails like a wrong password, and
 * its open sessions are ended (so a reactivation does not bring them back); mail is still
 * delivered to it, and its delegations are kept.
 */
export async function setUserState(
  db: Db,
  actor: Actor,
  input: { id: string; state: "active" | "suspended" },
): Promise<{ address: string; changed: boolean }> {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, actor, input.id);
    if (input.state === "suspended") refuseSelf(actor, user, "cannotSuspendSelf");
    if (user.state === input.state) return { address: user.address, changed: false };
    await tx
      .update(accounts)
      .set({ state: input.state, updatedAt: sql`now()` })
      .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, user.id)));
    if (input.state === "suspended") await revokeAccountSessions(tx, actor.orgId, user.id);
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      mailbox: user,
      action: input.state === "suspended" ? "user.suspend" : "user.reactivate",
    });
    return { address: user.address, changed: true };
  });
}
