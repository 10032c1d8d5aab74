import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { revokeAccountSessions } from "@/lib/auth/sessions";
import { requireAdmin } from "../require-admin";
import { requireStrongPassword } from "./create-user";
import { lockUser } from "./lock-user";

/**
 * Sets a new password on a user mailbox (strength rule; only the hash is stored or audited) and
 * ends the mailbox's sessions: a session signed in before the reset is refused from then on.
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  input: { id: string; password: string },
): Promise<{ address: string }> {
  requireAdmin(actor);
  requireStrongPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, actor, input.id);
    await tx
      .update(accounts)
      .set({ passwordHash, sessionsRevokedAt: sql`clock_timestamp()`, updatedAt: sql`now()` })
      .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, user.id)));
    await revokeAccountSessions(tx, actor.orgId, user.id);
    await recordAudit(tx, { orgId: actor.orgId, actor, mailbox: user, action: "user.resetPassword" });
    return { address: user.address };
  });
}
