import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { revokeAccountSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireAdmin } from "../require-admin";
import { lockUser } from "./lock-user";

/** An admin ends every open session of a user mailbox of the organisation (its own included). */
export async function endUserSessions(db: Db, actor: Actor, input: { id: string }): Promise<{ ended: number }> {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    const user = await lockUser(tx, actor, input.id);
    const ended = await revokeAccountSessions(tx, actor.orgId, user.id);
    await recordAudit(tx, { orgId: actor.orgId, actor, mailbox: user, action: "user.endSessions", details: { ended } });
    return { ended };
  });
}
