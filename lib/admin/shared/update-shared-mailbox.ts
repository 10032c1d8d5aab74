import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { clearReaderStates } from "@/lib/messages/read-state";
import { readPoolState } from "../pool/pool-state";
import { requireAdmin } from "../require-admin";
import type { UpdateSharedMailboxInput } from "../schemas";
import { requireQuotaFits } from "./review-shared-mailbox";

const FIELDS = [
  "displayName",
  "quotaBytes",
  "hiddenFromDirectory",
  "saveSentCopy",
  "deleteProtection",
  "readPerPerson",
] as const;

/**
 * Edits a shared mailbox (R1): display name, quota — never below what it holds, never beyond
 * the free pool plus its own share —, the address-book flag, the Sent Items copy setting (R6),
 * delete protection (lib/messages/delete-protection.ts) and read state per person
 * (lib/messages/read-state.ts). The organisation row, then the mailbox
 * row, are locked: resizes queue with creations, and a delivery cannot raise the used bytes between
 * the check and the update.
 */
export async function updateSharedMailbox(db: Db, actor: Actor, input: UpdateSharedMailboxInput) {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    const pool = await readPoolState(tx, actor.orgId, { lock: true });
    const [current] = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, input.id), eq(accounts.kind, "shared")))
      .for("update");
    if (!current) throw new DomainError("notFound");
    if (input.quotaBytes < current.usedBytes) {
      throw new DomainError("quotaBelowUsed", { quota: ["quotaBelowUsed"] }, { usedBytes: current.usedBytes });
    }
    if (input.quotaBytes > current.quotaBytes) requireQuotaFits(pool, input.quotaBytes, current.quotaBytes);

    const next = {
      displayName: input.displayName,
      quotaBytes: input.quotaBytes,
      hiddenFromDirectory: input.hidden,
      saveSentCopy: input.saveSentCopy,
      deleteProtection: input.deleteProtection,
      readPerPerson: input.readPerPerson,
    };
    const changes = Object.fromEntries(
      FIELDS.filter((f) => next[f] !== current[f]).map((f) => [f, { from: current[f], to: next[f] }]),
    );
    if (Object.keys(changes).length === 0) return { changed: false };
    await tx
      .update(accounts)
      .set({ ...next, updatedAt: sql`now()` })
      .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.id, current.id)));
    if (current.readPerPerson && !next.readPerPerson) await clearReaderStates(tx, current.id);
    await recordAudit(tx, { orgId: actor.orgId, actor, mailbox: current, action: "shared.update", details: changes });
    return { changed: true };
  });
}
