import "server-only";
import { and, asc, gt, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messageContents } from "@/db/schema";
import { imapColumns } from "./summary";

const BATCH_ROWS = 500;
const BATCH_BYTES = 32 * 1024 * 1024;

/**
 * Fills the stored IMAP ENVELOPE and BODYSTRUCTURE of contents stored before they existed
 * (`mailroom imap-backfill`, run once after the migration that added them; safe to run again or
 * while the servers serve: it only touches rows still missing them). Batches are bounded in rows
 * and in bytes of raw message read, walking the partial index of missing rows in key order.
 */
export async function backfillImapSummaries(db: Db, onBatch?: (done: number) => void): Promise<number> {
  let done = 0;
  let after: { orgId: string; id: string } | null = null;
  for (;;) {
    const keyset: SQL | undefined = after
      ? or(
          gt(messageContents.orgId, after.orgId),
          and(sql`${messageContents.orgId} = ${after.orgId}`, gt(messageContents.id, after.id)),
        )
      : undefined;
    const candidates: { orgId: string; id: string; size: number }[] = await db
      .select({ orgId: messageContents.orgId, id: messageContents.id, size: messageContents.sizeBytes })
      .from(messageContents)
      .where(and(isNull(messageContents.imapEnvelope), keyset))
      .orderBy(asc(messageContents.orgId), asc(messageContents.id))
      .limit(BATCH_ROWS);
    if (candidates.length === 0) return done;
    let bytes = 0;
    const batch = candidates.filter((c, i: number) => (bytes += c.size) <= BATCH_BYTES || i === 0);
    after = batch[batch.length - 1]!;
    const byOrg = new Map<string, string[]>();
    for (const c of batch) byOrg.set(c.orgId, [...(byOrg.get(c.orgId) ?? []), c.id]);
    const values: { o: string; i: string; e: unknown; b: unknown }[] = [];
    for (const [orgId, ids] of byOrg) {
      const rows = await db
        .select({ id: messageContents.id, raw: messageContents.raw })
        .from(messageContents)
        .where(and(sql`${messageContents.orgId} = ${orgId}`, inArray(messageContents.id, ids)));
      for (const r of rows) {
        const columns = imapColumns(Buffer.from(r.raw));
        values.push({ o: orgId, i: r.id, e: columns.imapEnvelope, b: columns.imapBodystructure });
      }
    }
    await db.execute(sql`
      update message_contents m set imap_envelope = v.e, imap_bodystructure = v.b
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(o uuid, i uuid, e jsonb, b jsonb)
      where m.org_id = v.o and m.id = v.i and m.imap_envelope is null`);
    done += values.length;
    onBatch?.(done);
  }
}
