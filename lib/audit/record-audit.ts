import "server-only";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";

/** The audit writer: one event or several, always in the transaction of the action they record. */
export type AuditInput = {
  orgId: string;
  actor: { id: string | null; address: string; sessionId?: string };
  mailbox?: { id: string; address: string } | null;
  action: string;
  details?: Record<string, unknown>;
};

const row = (input: AuditInput) => ({
  orgId: input.orgId,
  actorId: input.actor.id,
  actorAddress: input.actor.address,
  sessionId: input.actor.sessionId ?? null,
  mailboxId: input.mailbox?.id ?? null,
  mailboxAddress: input.mailbox?.address ?? null,
  action: input.action,
  details: input.details ?? {},
});

/** Records one audit event; call it with the transaction of the action it records. */
export async function recordAudit(tx: Db, input: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values(row(input));
}

/** Several audit events in one insert, in the transaction of the action they record. */
export async function recordAudits(tx: Db, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.insert(auditEvents).values(inputs.map(row));
}
