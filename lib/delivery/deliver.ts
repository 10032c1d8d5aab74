import "server-only";
import { and, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { folders, type Mailbox } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { storeMessage, type Copy } from "@/lib/messages/store-message";
import { parseListing, type Listing } from "@/lib/mime/parse-listing";
import { buildDeliveryReport, type DeliveryFailure } from "@/lib/mime/report";
import { chargeQuota, syncQuotaWarning, warningOutOfStep } from "@/lib/quota/charge";
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
type ChargeResult = NonNullable<Awaited<ReturnType<typeof chargeQuota>>>;
type PendingCopy = { copy: Copy; sent: boolean };

/** What every phase of one delivery shares: the input, the thresholds and folders, the charged mailboxes. */
type Delivery = {
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

/**
 * Internal delivery (R11), inside the caller's transaction: the Sent copies and every local
 * recipient's Inbox, raw content stored once per organisation, quota charged per copy (R10).
 *
 * Account rows are charged in one global order (by id), so concurrent deliveries queue on them
 * instead of deadlocking; every folder written belongs to an account this transaction has locked.
 * A recipient whose quota would pass its organisation's receive limit is refused (5.2.2), unknown
 * local addresses too (5.1.1): one multipart/report goes to `reportTo`'s Inbox. A mailbox that
 * crosses its warning threshold gets one warning message. Row locks are held to the commit, so
 * the statements after the first charge are kept few: the warning mark is only brought in line
 * where the charge shows it is out of step.
 *
 * Four phases: charge every copy, store the content and its copies, report the failures, warn the
 * mailboxes that crossed their threshold.
 */
export async function deliverInTx(tx: Db, input: DeliveryInput): Promise<DeliveryResult> {
  const delivery = await startDelivery(tx, input);
  const { copies, delivered, failed } = await chargeCopies(delivery);
  const { sentCopyIds, contentIds } = await storeCopies(delivery, copies);
  await recordAutomationJobs(
    tx,
    delivery.plans,
    input.recipients.flatMap((m) =>
      delivered.includes(m.address) ? [{ accountId: m.id, orgId: m.orgId, contentId: contentIds[m.orgId]! }] : [],
    ),
  );
  const reportStored = await reportFailures(delivery, failed);
  await warnCrossedMailboxes(delivery);
  return { delivered, failed, sentCopyIds, contentIds, reportStored };
}

/** Reads the thresholds of every organisation involved and the Inbox and Sent folders of every mailbox. */
async function startDelivery(tx: Db, input: DeliveryInput): Promise<Delivery> {
  const everyone = [...input.sentCopies, ...input.recipients, input.reportTo];
  const [thresholds, folderIds, plans] = await Promise.all([
    thresholdsOf(
      tx,
      everyone.map((m) => m.orgId),
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
 * Charges each copy's mailbox, in account id order. A Sent copy that does not fit, or a sender over
 * the send limit, refuses the whole send (the transaction rolls back); a recipient that does not fit
 * is a 5.2.2 failure. Returns the copies to store, by organisation.
 */
async function chargeCopies(d: Delivery) {
  const { tx, input, size, now } = d;
  const charges: Charge[] = [
    ...input.sentCopies.map((mailbox) => ({ mailbox, role: "sent" as const })),
    ...input.recipients.map((mailbox) => ({ mailbox, role: "inbox" as const })),
  ].sort((a, b) => (a.mailbox.id < b.mailbox.id ? -1 : a.mailbox.id > b.mailbox.id ? 1 : a.role === "sent" ? -1 : 1));
  const copies = new Map<string, PendingCopy[]>();
  const addCopy = (orgId: string, copy: Copy, sent: boolean) =>
    copies.set(orgId, [...(copies.get(orgId) ?? []), { copy, sent }]);
  const delivered: string[] = [];
  const failed: DeliveryFailure[] = input.unknown.map((address) => ({ address, status: "5.1.1" as const }));

  // Sent one after the other on the transaction's connection, in the order above, without waiting
  // for each answer: a refused Sent copy throws below and the whole transaction rolls back.
  const results = await Promise.all(
    charges.map(({ mailbox, role }) =>
      chargeQuota(
        tx,
        mailbox.orgId,
        mailbox.id,
        size,
        role === "sent" ? 100 : d.limits(mailbox.orgId).receiveBlockPercent,
      ),
    ),
  );
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
  return { copies, delivered, failed };
}

/** Throws when a Sent copy could not be charged, or its mailbox was at its send limit before this message. */
function refuseSentCopy(d: Delivery, mailbox: DeliveryMailbox, after: ChargeResult | null): asserts after {
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
