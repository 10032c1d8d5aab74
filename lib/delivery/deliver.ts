import "server-only";
import { and, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders, type Mailbox } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { storeMessage, type Copy } from "@/lib/messages/store-message";
import { reopenOnNewMail } from "@/lib/conversations/triage";
import { parseListing, type Listing } from "@/lib/mime/parse-listing";
import { buildDeliveryReport, type DeliveryFailure } from "@/lib/mime/report";
import { chargeQuota, syncQuotaWarning, warningOutOfStep } from "@/lib/quota/charge";
import { claimReservations, refundReservations, reserveQuota, type Reservation } from "@/lib/quota/reserve";
import { DEFAULT_THRESHOLDS, percentUsed, thresholdsOf, type Thresholds } from "@/lib/quota/thresholds";
import { planDelivery, plannedCopy, recordAutomationJobs, type DeliveryPlans } from "@/lib/automation/at-delivery";
import { buildQuotaWarning } from "./quota-warning";
import type { DeliveryMailbox } from "./recipients";

export type DeliveryInput = {
  raw: Buffer;
  listing: Listing;
  /** Mailboxes keeping a copy in their Sent Items. Sending is refused if one of them cannot. */
  sentCopies: DeliveryMailbox[];
  /** Kept in the Sent copies' listing rows only (never in the message). */
  bcc: Mailbox[];
  /** Local mailboxes to deliver to (any organisation), each once. */
  recipients: DeliveryMailbox[];
  /** Addresses of a hosted domain with no mailbox: reported as 5.1.1. */
  unknown: string[];
  /** Who gets the non-delivery report: the person who sent. */
  reportTo: DeliveryMailbox;
  /** The domain reports come from. */
  reportingDomain: string;
  /** Organisations' thresholds the caller has already read (not read again). */
  thresholds?: ReadonlyMap<string, Thresholds>;
};

export type DeliveryResult = {
  delivered: string[];
  failed: DeliveryFailure[];
  /** The Sent copies' message ids, by mailbox id. */
  sentCopyIds: Record<string, string>;
  /** The stored content's id, by organisation. */
  contentIds: Record<string, string>;
  reportStored: boolean;
};

type Charge = { mailbox: DeliveryMailbox; role: "sent" | "inbox" };
type ChargeResult = Pick<Reservation, "usedBytes" | "quotaBytes" | "warned">;
type PendingCopy = { copy: Copy; sent: boolean };

/** What every phase of one delivery shares: the input, the thresholds and folders, the charged mailboxes. */
type Delivery = {
  /** The database before the transaction, the transaction's handle inside it. */
  tx: Db;
  input: DeliveryInput;
  size: number;
  now: Date;
  limits: (orgId: string) => Thresholds;
  folderOf: (mailbox: DeliveryMailbox, kind: "inbox" | "sent") => string;
  /** Charged mailboxes, and whether their warning mark may need changing after the last charge. */
  charged: Map<string, { mailbox: DeliveryMailbox; outOfStep: boolean }>;
  /** The recipients' inbox rules and automatic replies (lib/automation). */
  plans: DeliveryPlans;
};

/** A delivery whose quota is reserved (before its transaction): what `deliverInTx` stores. */
export type PreparedDelivery = {
  delivery: Delivery;
  copies: Map<string, PendingCopy[]>;
  delivered: string[];
  failed: DeliveryFailure[];
  /** The reservations to claim in the transaction (or give back with `refundReservations` if it fails). */
  reservationIds: string[];
};

/**
 * Internal delivery (R11), first phase, before the transaction: reads the thresholds and folders,
 * and reserves each copy's quota (R10) in one short statement per mailbox (lib/quota/reserve.ts),
 * so that concurrent senders to the same mailboxes do not hold its account row until their commit.
 * A Sent copy that does not fit, or a sender at the send limit, refuses the whole send (what was
 * reserved is given back); a recipient that does not fit is a 5.2.2 failure.
 */
export async function prepareDelivery(db: Db, input: DeliveryInput): Promise<PreparedDelivery> {
  const delivery = await startDelivery(db, input);
  const { copies, delivered, failed, reservationIds } = await chargeCopies(delivery);
  return { delivery, copies, delivered, failed, reservationIds };
}

/**
 * Internal delivery, second phase, inside the caller's transaction: claims the reservations,
 * stores the raw content once per organisation with every copy's listing row, reports local
 * failures (5.2.2, 5.1.1) in one multipart/report to `reportTo`'s Inbox, and sends the one warning
 * message of each mailbox that crossed its warning threshold. The copies' folders' rows (UIDs,
 * counters) are written during COMMIT (migration 0031), so that concurrent deliveries to one folder
 * wait for each other's commit only, not for the rest of each other's transaction.
 */
export async function deliverInTx(tx: Db, prepared: PreparedDelivery): Promise<DeliveryResult> {
  const d: Delivery = { ...prepared.delivery, tx, charged: new Map(prepared.delivery.charged) };
  await Promise.all([deferFolderRows(tx), claimReservations(tx, prepared.reservationIds)]);
  const { sentCopyIds, contentIds } = await storeCopies(d, prepared.copies);
  await recordAutomationJobs(
    tx,
    d.plans,
    d.input.recipients.flatMap((m) =>
      prepared.delivered.includes(m.address)
        ? [{ accountId: m.id, orgId: m.orgId, contentId: contentIds[m.orgId]! }]
        : [],
    ),
  );
  const reportStored = await reportFailures(d, prepared.failed);
  await warnCrossedMailboxes(d);
  return { delivered: prepared.delivered, failed: prepared.failed, sentCopyIds, contentIds, reportStored };
}

/**
 * Both phases inside a transaction the caller already holds (automatic replies and forwards, sent
 * in the transaction that takes their job): the reservations are taken and claimed in it, so the
 * account rows stay locked to its commit — fine for these few messages, not for the send path.
 */
export async function deliverNowInTx(tx: Db, input: DeliveryInput): Promise<DeliveryResult> {
  return deliverInTx(tx, await prepareDelivery(tx, input));
}

/**
 * Messages stored in the rest of the transaction take their UIDs, and their folders' counters, at
 * its COMMIT (pending until then: code that reads a new message's UID must not run after this).
 */
const deferFolderRows = (tx: Db) => tx.execute(sql`select set_config('mailroom.defer_folder_rows', 'on', true)`);

/** Reads the thresholds of every organisation involved and the Inbox and Sent folders of every mailbox. */
async function startDelivery(tx: Db, input: DeliveryInput): Promise<Delivery> {
  const everyone = [...input.sentCopies, ...input.recipients, input.reportTo];
  const [thresholds, folderIds, plans] = await Promise.all([
    thresholdsOf(
      tx,
      everyone.map((m) => m.orgId),
      input.thresholds,
    ),
    wellKnownFolders(
      tx,
      everyone.map((m) => m.id),
    ),
    planDelivery(tx, input.recipients, input.listing),
  ]);
  return {
    tx,
    input,
    size: input.raw.length,
    now: new Date(),
    limits: (orgId) => thresholds.get(orgId) ?? DEFAULT_THRESHOLDS,
    folderOf: (mailbox, kind) => {
      const id = folderIds.get(`${mailbox.id}:${kind}`);
      if (!id) throw new Error(`mailbox ${mailbox.address} has no ${kind} folder`);
      return id;
    },
    charged: new Map(),
    plans,
  };
}

const noteCharge = (d: Delivery, mailbox: DeliveryMailbox, after: ChargeResult) =>
  d.charged.set(mailbox.id, { mailbox, outOfStep: warningOutOfStep(after, d.limits(mailbox.orgId).warnPercent) });

/**
 * Reserves each copy's quota, in account id order. A Sent copy that does not fit, or a sender over
 * the send limit, refuses the whole send (the reservations taken are given back); a recipient that
 * does not fit is a 5.2.2 failure. Returns the copies to store, by organisation.
 */
async function chargeCopies(d: Delivery) {
  const { tx: db, input, size, now } = d;
  const charges: Charge[] = [
    ...input.sentCopies.map((mailbox) => ({ mailbox, role: "sent" as const })),
    ...input.recipients.map((mailbox) => ({ mailbox, role: "inbox" as const })),
  ].sort((a, b) => (a.mailbox.id < b.mailbox.id ? -1 : a.mailbox.id > b.mailbox.id ? 1 : a.role === "sent" ? -1 : 1));
  const copies = new Map<string, PendingCopy[]>();
  const addCopy = (orgId: string, copy: Copy, sent: boolean) =>
    copies.set(orgId, [...(copies.get(orgId) ?? []), { copy, sent }]);
  const delivered: string[] = [];
  const failed: DeliveryFailure[] = input.unknown.map((address) => ({ address, status: "5.1.1" as const }));

  // Each its own statement, committed at once: none waits for another's transaction.
  const results = await Promise.all(
    charges.map(({ mailbox, role }) =>
      reserveQuota(
        db,
        mailbox.orgId,
        mailbox.id,
        size,
        role === "sent" ? 100 : d.limits(mailbox.orgId).receiveBlockPercent,
      ),
    ),
  );
  const reservationIds = results.flatMap((r) => (r ? [r.id] : []));
  try {
    for (const [i, { mailbox, role }] of charges.entries()) {
      const after = results[i] ?? null;
      if (role === "sent") {
        refuseSentCopy(d, mailbox, after);
        const folderId = d.folderOf(mailbox, "sent");
        addCopy(
          mailbox.orgId,
          { accountId: mailbox.id, folderId, seen: true, bccList: input.bcc, receivedAt: now },
          true,
        );
        noteCharge(d, mailbox, after);
      } else if (!after) {
        failed.push({ address: mailbox.address, status: "5.2.2" });
      } else {
        delivered.push(mailbox.address);
        const placed = plannedCopy(d.plans, mailbox.id, d.folderOf(mailbox, "inbox"));
        addCopy(mailbox.orgId, { accountId: mailbox.id, ...placed, receivedAt: now }, false);
        noteCharge(d, mailbox, after);
      }
    }
  } catch (error) {
    await refundReservations(db, reservationIds);
    throw error;
  }
  return { copies, delivered, failed, reservationIds };
}

/** Throws when a Sent copy could not be charged, or its mailbox was at its send limit before this message. */
function refuseSentCopy(
  d: Delivery,
  mailbox: DeliveryMailbox,
  after: ChargeResult | null,
): asserts after is ChargeResult {
  if (!after) throw new DomainError("sentCopyNoRoom", { from: ["sentCopyNoRoom"] }, { address: mailbox.address });
  const before = after.usedBytes - d.size;
  if (before * 100 >= after.quotaBytes * d.limits(mailbox.orgId).sendBlockPercent) {
    throw new DomainError(
      "sendBlockedQuota",
      { from: ["sendBlockedQuota"] },
      { address: mailbox.address, percent: percentUsed(before, after.quotaBytes) },
    );
  }
}

/** Stores the raw content once per organisation with its listing rows; the Sent copies' ids and the contents'. */
async function storeCopies(d: Delivery, copies: Map<string, PendingCopy[]>) {
  const sentCopyIds: Record<string, string> = {};
  const contentIds: Record<string, string> = {};
  for (const [orgId, list] of copies) {
    const stored = await storeMessage(
      d.tx,
      orgId,
      d.input.raw,
      d.input.listing,
      list.map((c) => c.copy),
    );
    contentIds[orgId] = stored.contentId;
    list.forEach(({ copy, sent }, i) => {
      if (sent) sentCopyIds[copy.accountId] ??= stored.messageIds[i]!;
    });
    // A new message delivered to a conversation the team had marked done reopens it.
    await reopenOnNewMail(
      d.tx,
      orgId,
      stored.messageIds.filter((_, i) => !list[i]!.sent),
    );
  }
  return { sentCopyIds, contentIds };
}

/** One multipart/report to the sender's Inbox for the recipients that failed; whether it was stored. */
async function reportFailures(d: Delivery, failed: DeliveryFailure[]): Promise<boolean> {
  if (failed.length === 0) return false;
  const { input } = d;
  const report = await buildDeliveryReport({
    reportingDomain: input.reportingDomain,
    to: { name: input.reportTo.displayName, address: input.reportTo.address },
    original: input.raw,
    originalSubject: input.listing.subject,
    failures: failed,
    arrivalDate: d.now,
  });
  const after = await storeInInbox(d.tx, input.reportTo, d.folderOf(input.reportTo, "inbox"), report);
  if (after) noteCharge(d, input.reportTo, after);
  return after !== null;
}

/** The one warning message for each charged mailbox whose charge put its warning mark out of step. */
async function warnCrossedMailboxes(d: Delivery): Promise<void> {
  for (const { mailbox, outOfStep } of d.charged.values()) {
    if (outOfStep) await warnIfCrossed(d.tx, mailbox, d.folderOf(mailbox, "inbox"), d.limits(mailbox.orgId));
  }
}

export async function wellKnownFolders(tx: Db, accountIds: string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: folders.id, accountId: folders.accountId, kind: folders.kind })
    .from(folders)
    .where(and(inArray(folders.accountId, [...new Set(accountIds)]), inArray(folders.kind, ["inbox", "sent"])));
  return new Map(rows.map((f) => [`${f.accountId}:${f.kind}`, f.id]));
}

/** Stores a system message (report, warning) in a mailbox's Inbox if it fits in its quota: the charge, or null. */
export async function storeInInbox(tx: Db, mailbox: DeliveryMailbox, inboxId: string, raw: Buffer) {
  const listing = await parseListing(raw);
  const after = await chargeQuota(tx, mailbox.orgId, mailbox.id, raw.length, 100);
  if (after) await storeMessage(tx, mailbox.orgId, raw, listing, [{ accountId: mailbox.id, folderId: inboxId }]);
  return after;
}

/** Sends the one warning message when the mailbox has just crossed its warning threshold. */
export async function warnIfCrossed(tx: Db, mailbox: DeliveryMailbox, inboxId: string, t: Thresholds): Promise<void> {
  const sync = await syncQuotaWarning(tx, mailbox.orgId, mailbox.id);
  if (sync?.change !== "crossed") return;
  await storeInInbox(tx, mailbox, inboxId, await buildQuotaWarning(mailbox, sync, t));
}
