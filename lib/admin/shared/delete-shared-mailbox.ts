import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { analyzeAfterBulkWrite } from "@/lib/messages/planner-statistics";
import { deleteMailbox } from "../mailboxes/delete-mailbox";
import { readPoolState } from "../pool/pool-state";
import { requireAdmin } from "../require-admin";

/**
 * Deletes a shared mailbox with its mail, folders, delegations and folder links, which frees
 * its share of the pool (the pool is the sum of the remaining quotas). The audit event keeps
 * its address: the trail outlives the mailbox.
 */
export async function deleteSharedMailbox(db: Db, actor: Actor, input: { id: string }): Promise<{ address: string }> {
  requireAdmin(actor);
  const result = await db.transaction(async (tx) => {
    await readPoolState(tx, actor.orgId, { lock: true });
    const [mailbox] = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, input.id), eq(accounts.kind, "shared")))
      .for("update");
    if (!mailbox) throw new DomainError("notFound");
    const gone = await deleteMailbox(tx, actor.orgId, mailbox.id);
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      mailbox,
      action: "shared.delete",
      details: { displayName: mailbox.displayName, quotaBytes: mailbox.quotaBytes, usedBytes: mailbox.usedBytes },
    });
    return { address: mailbox.address, messages: gone.messages };
  });
  await analyzeAfterBulkWrite(db, result.messages);
  return { address: result.address };
}
