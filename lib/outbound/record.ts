import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboundRecipients } from "@/db/schema";
import { storeInInbox, wellKnownFolders } from "@/lib/delivery/deliver";
import { domainOf } from "@/lib/mime/addresses";
import { buildDeliveryReport, type DeliveryFailure, type ReportKind } from "@/lib/mime/report";
import type { ClaimedMessage, ClaimedRecipient } from "./claim";
import { retryDelayMs, type OutboundConfig } from "./config";
import type { RecipientOutcome } from "./smtp-client";

/** How many recipients of a round ended in each state (for the deliveries metric, once committed). */
export type Tally = { delivered: number; deferred: number; failed: number };

/** The enhanced status code (RFC 3463) of a reply, or a generic one for its class. */
export function statusOf(reply: string, permanent: boolean): string {
  const match = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(reply);
  return match?.[1] ?? (permanent ? "5.0.0" : "4.0.0");
}

/**
 * Writes what happened to the recipients of one message at `now` (the database's clock, read in the
 * caller's transaction), in the caller's transaction, as the worker that
 * holds them (a row whose lease another worker has taken since is left alone): delivered, failed
 * (5xx, or still failing when the message is older than the retry period), or deferred to the next
 * attempt of the schedule. Failures get one report (RFC 3464) in the sending mailbox's Inbox; rows
 * waiting longer than the notice delay get one "delayed" notice.
 */
export async function recordOutcomesInTx(
  tx: Db,
  workerId: string,
  now: Date,
  config: Pick<OutboundConfig, "maxAgeMs" | "delayNoticeMs">,
  message: ClaimedMessage,
  rows: ClaimedRecipient[],
  outcomes: RecipientOutcome[],
): Promise<Tally> {
  const tally: Tally = { delivered: 0, deferred: 0, failed: 0 };
  const byAddress = new Map(outcomes.map((o) => [o.address, o]));
  const age = now.getTime() - message.createdAt.getTime();
  {
    const failures: DeliveryFailure[] = [];
    const delays: DeliveryFailure[] = [];
    for (const row of rows) {
      const o = byAddress.get(row.address);
      if (!o) continue;
      const attempts = row.attempts + 1;
      const expired = o.outcome === "temporary" && age >= config.maxAgeMs;
      const delay = o.outcome === "temporary" && !expired && !row.delayNoticeSent && age >= config.delayNoticeMs;
      const state =
        o.outcome === "delivered" ? "delivered" : o.outcome === "permanent" || expired ? "failed" : "deferred";
      const done = state !== "deferred";
      const updated = await tx
        .update(outboundRecipients)
        .set({
          state,
          attempts,
          lastReply: o.reply.slice(0, 1000),
          remoteMta: o.mta,
          claimedUntil: null,
          claimedBy: null,
          updatedAt: now,
          doneAt: done ? now : null,
          nextAttemptAt: done ? now : new Date(now.getTime() + retryDelayMs(attempts)),
          delayNoticeSent: sql`${outboundRecipients.delayNoticeSent} or ${delay}`,
        })
        .where(
          and(
            eq(outboundRecipients.orgId, row.orgId),
            eq(outboundRecipients.id, row.id),
            eq(outboundRecipients.claimedBy, workerId),
          ),
        )
        .returning({ id: outboundRecipients.id });
      if (updated.length === 0) continue;
      tally[state]++;
      const failure = { address: row.address, diagnostic: o.reply, remoteMta: o.mta ?? undefined };
      if (state === "failed") failures.push({ ...failure, status: expired ? "4.4.7" : statusOf(o.reply, true) });
      if (delay) delays.push({ ...failure, status: statusOf(o.reply, false) });
    }
    if (failures.length > 0) await report(tx, message, failures, "failed", now, config);
    if (delays.length > 0) await report(tx, message, delays, "delayed", now, config);
  }
  return tally;
}

/** Stores a report in the Inbox of the mailbox the message was sent from (charged to its quota like any store). */
async function report(
  tx: Db,
  message: ClaimedMessage,
  failures: DeliveryFailure[],
  kind: ReportKind,
  now: Date,
  config: Pick<OutboundConfig, "maxAgeMs">,
): Promise<void> {
  const to = {
    id: message.accountId,
    orgId: message.orgId,
    address: message.mailFrom,
    displayName: message.accountName,
  };
  const raw = await buildDeliveryReport({
    reportingDomain: domainOf(message.mailFrom),
    to: { name: to.displayName, address: to.address },
    original: message.raw,
    originalSubject: message.subject,
    failures,
    arrivalDate: message.createdAt,
    kind,
    retryUntil: new Date(message.createdAt.getTime() + config.maxAgeMs),
  });
  const inbox = (await wellKnownFolders(tx, [to.id])).get(`${to.id}:inbox`);
  if (inbox) await storeInInbox(tx, to, inbox, raw);
}
