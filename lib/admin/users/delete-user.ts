import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { analyzeAfterBulkWrite } from "@/lib/messages/planner-statistics";
import { deleteMailbox } from "../mailboxes/delete-mailbox";
import { poolTotal, readPoolState } from "../pool/pool-state";
import { requireAdmin } from "../require-admin";
import { lockUser, refuseSelf } from "./lock-user";

/**
 * Deletes a user mailbox with its mail, folders, the delegations on it and to it, and folder
 * links. Under the "per user mailbox" pool rule one user fewer makes the pool smaller: if the
 * shared mailboxes would no longer fit, the deletion is refused with the figures.
 */
export async function deleteUser(db: Db, actor: Actor, input: { id: string }): Promise<{ address: string }> {
  requireAdmin(actor);
  const result = await db.transaction(async (tx) => {
    const pool = await readPoolState(tx, actor.orgId, { lock: true });
    const user = await lockUser(tx, actor, input.id);
    refuseSelf(actor, user, "cannotDeleteSelf");
    const totalAfter = poolTotal(pool.rule, pool.poolBytes, pool.userCount - 1);
    if (totalAfter < pool.allocatedBytes) {
      throw new DomainError("poolWouldShrink", undefined, {
        allocatedBytes: pool.allocatedBytes,
        totalBytes: totalAfter,
      });
    }
    const gone = await deleteMailbox(tx, actor.orgId, user.id);
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      mailbox: user,
      action: "user.delete",
      details: { displayName: user.displayName, role: user.role, usedBytes: user.usedBytes },
    });
    return { address: user.address, messages: gone.messages };
  });
  await analyzeAfterBulkWrite(db, result.messages);
  return { address: result.address };
}
