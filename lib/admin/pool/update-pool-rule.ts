import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { requireAdmin } from "../require-admin";
import type { PoolRuleInput } from "../schemas";
import { poolTotal, readPoolState, type PoolState } from "./pool-state";

/**
 * Changes the organisation's pool rule and size. A pool smaller than what the shared mailboxes
 * already hold is refused, with both figures so the admin knows how much to free.
 */
export async function updatePoolRule(db: Db, actor: Actor, input: PoolRuleInput): Promise<PoolState> {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    const before = await readPoolState(tx, actor.orgId, { lock: true });
    const total = poolTotal(input.rule, input.poolBytes, before.userCount);
    if (total < before.allocatedBytes) {
      throw new DomainError(
        "poolBelowAllocated",
        { size: ["poolBelowAllocated"] },
        {
          allocatedBytes: before.allocatedBytes,
          totalBytes: total,
        },
      );
    }
    if (input.rule === before.rule && input.poolBytes === before.poolBytes) return before;
    await tx
      .update(organizations)
      .set({ poolRule: input.rule, poolBytes: input.poolBytes })
      .where(eq(organizations.id, actor.orgId));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      action: "org.pool",
      details: {
        from: { rule: before.rule, poolBytes: before.poolBytes },
        to: { rule: input.rule, poolBytes: input.poolBytes },
        totalBytes: total,
      },
    });
    return {
      ...before,
      rule: input.rule,
      poolBytes: input.poolBytes,
      totalBytes: total,
      freeBytes: total - before.allocatedBytes,
    };
  });
}
