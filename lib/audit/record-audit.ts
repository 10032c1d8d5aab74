import "server-only";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";

export type AuditInput = {
  orgId: string;
  actor: { id: string | null; address: string; sessionId?: string };
  mailbox?: { id: string; address: string } | null;
  action: string;
  details?: Record<string, unknown>;
};

/** Records one audit event; call it with the transaction of the action it records. */
export async function recordAudit(tx: Db, input: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    orgId: input.orgId,
    actorId: input.actor.id,
    actorAddress: input.actor.address,
    sessionId: input.actor.sessionId ?? null,
    mailboxId: input.mailbox?.id ?? null,
    mailboxAddress: input.mailbox?.address ?? null,
    action: input.action,
    details: input.details ?? {},
  });
}
