import "server-only";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AuditInput } from "@/lib/audit/record-audit";

/** Several audit events in one insert, in the transaction of the action they record. */
export async function recordAudits(tx: Db, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.insert(auditEvents).values(
    inputs.map((input) => ({
      orgId: input.orgId,
      actorId: input.actor.id,
      actorAddress: input.actor.address,
      sessionId: input.actor.sessionId ?? null,
      mailboxId: input.mailbox?.id ?? null,
      mailboxAddress: input.mailbox?.address ?? null,
      action: input.action,
      details: input.details ?? {},
    })),
  );
}
