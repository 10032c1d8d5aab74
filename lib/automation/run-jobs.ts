import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, lt, lte, sql } from "drizzle-orm";
import { simpleParser, type AddressObject } from "mailparser";
import type { Db } from "@/db/client";
import {
  accounts,
  aliases,
  autoReplies,
  autoReplyLog,
  automationJobs,
  domains,
  inboxRules,
  messageContents,
} from "@/db/schema";
import { getMailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { deliverNowInTx } from "@/lib/delivery/deliver";
import { classifyRecipients, type DeliveryMailbox } from "@/lib/delivery/recipients";
import { domainOf } from "@/lib/mime/addresses";
import { buildMessage } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import { outboundConfigFromEnv } from "@/lib/outbound/config";
import { enqueueInTx } from "@/lib/outbound/enqueue";
import { refuseOverHourlyLimitInTx, refuseOverOutboundSize } from "@/lib/outbound/limits";
import { wakeOutbound } from "@/lib/outbound/wake";
import { FORWARD_TRAIL_HEADER, forwardRefusedBecause, noReplyReason, replySubject } from "./suppression";

/** One reply per sender per mailbox in this many days (RFC 3834 section 3.1.1 suggests 7; Exchange uses 4). */
export const REPLY_INTERVAL_DAYS = 4;

type Job = typeof automationJobs.$inferSelect;
type JobOutcome = { sent: boolean; reason?: string; queued: boolean };

/** The few headers the suppression rules read, parsed by mailparser from the header block only. */
async function readHeaders(raw: Buffer) {
  const end = raw.indexOf("\r\n\r\n");
  const head = end >= 0 ? raw.subarray(0, end + 4) : raw;
  const parsed = await simpleParser(head, { skipHtmlToText: true, skipTextToHtml: true });
  const h = parsed.headers;
  const text = (name: string) => {
    const v = h.get(name);
    return v === undefined || v === null
      ? null
      : typeof v === "string"
        ? v
        : String((v as { value?: unknown }).value ?? v);
  };
  const returnPath = h.get("return-path") as AddressObject | undefined;
  const references = parsed.references ? [parsed.references].flat() : [];
  return {
    returnPath: returnPath ? (returnPath.value[0]?.address ?? "") : null,
    from: parsed.from?.value[0]?.address ?? "",
    subject: parsed.subject ?? "",
    messageId: parsed.messageId ?? null,
    references,
    autoSubmitted: text("auto-submitted"),
    precedence: text("precedence"),
    // mailparser folds List-* headers into one "list" entry: the header lines say what was there.
    listId: parsed.headerLines.some((l) => l.key === "list-id"),
    listUnsubscribe: parsed.headerLines.some((l) => l.key === "list-unsubscribe"),
    trail: (text(FORWARD_TRAIL_HEADER.toLowerCase()) ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
  };
}

/**
 * Sends an automatic message from a mailbox through the delivery path every send uses: local
 * recipients delivered (quota, rules), external ones on the outbound queue with the mailbox as
 * envelope sender (DKIM-signed by its domain, bounces to the mailbox). No Sent copy: RFC 3834
 * section 3.3 advises against filing automatic replies, and Exchange keeps none in Sent Items.
 * Unknown local addresses are dropped without a report (nobody asked for this message).
 */
async function sendAutomatic(tx: Db, mailbox: DeliveryMailbox, to: string, raw: Buffer, messageId: string) {
  const listing = await parseListing(raw);
  const recipients = await classifyRecipients(tx, [to]);
  await deliverNowInTx(tx, {
    raw,
    listing,
    sentCopies: [],
    bcc: [],
    recipients: recipients.local,
    unknown: [],
    reportTo: mailbox,
    reportingDomain: domainOf(mailbox.address),
  });
  if (recipients.external.length === 0) return false;
  refuseOverOutboundSize(recipients.external.length, raw.length, outboundConfigFromEnv().maxSizeBytes);
  await refuseOverHourlyLimitInTx(tx, mailbox, recipients.external.length);
  await enqueueInTx(tx, {
    orgId: mailbox.orgId,
    accountId: mailbox.id,
    mailFrom: mailbox.address,
    // No Sent copy shows this message's states: its own id ties nothing.
    contentId: randomUUID(),
    messageIdHeader: messageId,
    subject: listing.subject,
    raw,
    recipients: recipients.external,
  });
  return true;
}

async function loadJobContext(tx: Db, job: Job) {
  const [mailbox] = await tx
    .select({ id: accounts.id, orgId: accounts.orgId, address: accounts.address, displayName: accounts.displayName })
    .from(accounts)
    .where(eq(accounts.id, job.accountId));
  const [content] = await tx
    .select({ raw: messageContents.raw })
    .from(messageContents)
    .where(and(eq(messageContents.orgId, job.orgId), eq(messageContents.id, job.contentId)));
  return { mailbox, raw: content?.raw };
}

async function sendReply(tx: Db, job: Job, mailbox: DeliveryMailbox, raw: Buffer): Promise<JobOutcome> {
  const [settings] = await tx
    .select()
    .from(autoReplies)
    .where(and(eq(autoReplies.orgId, job.orgId), eq(autoReplies.accountId, job.accountId)));
  const at = job.createdAt;
  if (
    !settings?.enabled ||
    (settings.startsAt && settings.startsAt > at) ||
    (settings.endsAt && settings.endsAt <= at)
  ) {
    return { sent: false, reason: "off", queued: false };
  }
  const h = await readHeaders(raw);
  const sender = (h.returnPath ?? h.from).toLowerCase();
  const own = await tx.select({ address: aliases.address }).from(aliases).where(eq(aliases.accountId, mailbox.id));
  const reason = noReplyReason({
    sender,
    mailboxAddresses: [mailbox.address, ...own.map((a) => a.address)],
    autoSubmitted: h.autoSubmitted,
    precedence: h.precedence,
    listId: h.listId,
    listUnsubscribe: h.listUnsubscribe,
    junk: false,
  });
  if (reason) return { sent: false, reason, queued: false };
  const orgDomains = await tx
    .select({ name: sql<string>`lower(${domains.name})` })
    .from(domains)
    .where(eq(domains.orgId, job.orgId));
  const internal = orgDomains.some((d) => d.name === domainOf(sender));
  const text = internal ? settings.internalText : settings.externalText;
  if (!text.trim()) return { sent: false, reason: "noText", queued: false };
  // Once per sender per interval: the log row is taken (or renewed when older) atomically.
  const cutoff = new Date(at.getTime() - REPLY_INTERVAL_DAYS * 86_400_000);
  const reserved = await tx
    .insert(autoReplyLog)
    .values({ orgId: job.orgId, accountId: mailbox.id, sender, repliedAt: at })
    .onConflictDoUpdate({
      target: [autoReplyLog.orgId, autoReplyLog.accountId, autoReplyLog.sender],
      set: { repliedAt: at },
      setWhere: lte(autoReplyLog.repliedAt, cutoff),
    })
    .returning({ sender: autoReplyLog.sender });
  if (reserved.length === 0) return { sent: false, reason: "alreadyAnswered", queued: false };
  await tx
    .delete(autoReplyLog)
    .where(
      and(
        eq(autoReplyLog.orgId, job.orgId),
        eq(autoReplyLog.accountId, mailbox.id),
        lt(autoReplyLog.repliedAt, cutoff),
      ),
    );
  const messageId = `<${randomUUID()}@${domainOf(mailbox.address)}>`;
  const reply = await buildMessage({
    from: { name: mailbox.displayName, address: mailbox.address },
    to: [{ name: "", address: sender }],
    subject: replySubject(h.subject),
    text,
    messageId,
    inReplyTo: h.messageId ?? undefined,
    references: h.messageId ? [...h.references, h.messageId] : undefined,
    headers: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" },
  });
  const queued = await sendAutomatic(tx, mailbox, sender, reply, messageId);
  return { sent: true, queued };
}

async function sendForward(tx: Db, job: Job, mailbox: DeliveryMailbox, raw: Buffer): Promise<JobOutcome> {
  const [rule] = job.ruleId
    ? await tx
        .select()
        .from(inboxRules)
        .where(and(eq(inboxRules.orgId, job.orgId), eq(inboxRules.id, job.ruleId)))
    : [];
  if (!rule?.forwardTo || !rule.createdBy) return { sent: false, reason: "noRule", queued: false };
  // Sent as the mailbox: only while the rule's author may still send as it (a revoked Send As stops it).
  const [author] = await tx
    .select({ id: accounts.id, orgId: accounts.orgId, address: accounts.address, state: accounts.state })
    .from(accounts)
    .where(eq(accounts.id, rule.createdBy));
  if (!author || author.state !== "active") return { sent: false, reason: "noSendAs", queued: false };
  const actor: Actor = { ...author, displayName: "", role: "user", sessionId: "" };
  const access = await getMailboxAccess(tx, actor, { id: mailbox.id });
  if (!access?.rights.sendAs) return { sent: false, reason: "noSendAs", queued: false };
  const h = await readHeaders(raw);
  const refused = forwardRefusedBecause({
    autoSubmitted: h.autoSubmitted,
    trail: h.trail,
    mailboxAddress: mailbox.address,
    forwardTo: rule.forwardTo,
  });
  if (refused) return { sent: false, reason: refused, queued: false };
  const messageId = `<${randomUUID()}@${domainOf(mailbox.address)}>`;
  const forward = await buildMessage({
    from: { name: mailbox.displayName, address: mailbox.address },
    to: [{ name: "", address: rule.forwardTo }],
    subject: `Fwd: ${h.subject}`.trim(),
    text: `${h.from} → ${mailbox.address}: ${h.subject}`,
    messageId,
    attachments: [{ filename: "forwarded-message.eml", contentType: "message/rfc822", content: raw }],
    headers: { [FORWARD_TRAIL_HEADER]: [...h.trail, mailbox.address].join(", ") },
  });
  const queued = await sendAutomatic(tx, mailbox, rule.forwardTo, forward, messageId);
  await recordAudit(tx, {
    orgId: job.orgId,
    actor: { id: author.id, address: author.address },
    mailbox: { id: mailbox.id, address: mailbox.address },
    action: "rule.forward",
    details: { rule: rule.name, to: rule.forwardTo, subject: h.subject },
  });
  return { sent: true, queued };
}

/**
 * Does the replies and forwards deliveries left (automation_jobs), oldest first, each in its own
 * transaction with the job's deletion: a job is done once. Jobs are taken with SKIP LOCKED, so
 * several processes share them. A job that fails is logged and dropped (automatic mail is sent at
 * most once). Returns the outcomes, for tests and logs.
 */
export async function runAutomationJobs(db: Db, limit = 50): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (let i = 0; i < limit; i++) {
    let job: Job | undefined;
    try {
      const outcome = await db.transaction(async (tx) => {
        [job] = await tx
          .select()
          .from(automationJobs)
          .orderBy(asc(automationJobs.createdAt))
          .limit(1)
          .for("update", { skipLocked: true });
        if (!job) return null;
        await tx.delete(automationJobs).where(and(eq(automationJobs.orgId, job.orgId), eq(automationJobs.id, job.id)));
        const { mailbox, raw } = await loadJobContext(tx, job);
        if (!mailbox || !raw) return { sent: false, reason: "gone", queued: false };
        return job.kind === "reply" ? sendReply(tx, job, mailbox, raw) : sendForward(tx, job, mailbox, raw);
      });
      if (!outcome) break;
      outcomes.push(outcome);
      if (outcome.queued) wakeOutbound();
    } catch (error) {
      console.error(`[mailroom] automatic ${job?.kind ?? "job"} not sent: ${(error as Error).message}`);
      if (job) {
        const failed = job;
        await db
          .delete(automationJobs)
          .where(and(eq(automationJobs.orgId, failed.orgId), eq(automationJobs.id, failed.id)))
          .catch(() => {});
      }
      outcomes.push({ sent: false, reason: "error", queued: false });
    }
  }
  return outcomes;
}
