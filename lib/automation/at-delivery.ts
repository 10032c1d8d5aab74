import "server-only";
import { and, asc, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { autoReplies, automationJobs, inboxRules, type InboxRule } from "@/db/schema";
import type { Listing } from "@/lib/mime/parse-listing";

/** What the inbox rules decided for one mailbox's copy of a delivered message. */
export type CopyPlan = {
  /** The folder the rules moved it to (else the Inbox). */
  folderId?: string;
  seen: boolean;
  flagged: boolean;
  /** Rules whose forward fires (sent after the commit, see automation_jobs). */
  forwardRuleIds: string[];
  /** The mailbox has automatic replies on for now (the suppression rules are checked when sending). */
  autoReply: boolean;
};

export type DeliveryPlans = Map<string, CopyPlan>;

type RuleFields = Pick<
  InboxRule,
  | "id"
  | "fromContains"
  | "toContains"
  | "subjectContains"
  | "moveToFolderId"
  | "markRead"
  | "flag"
  | "forwardTo"
  | "stopProcessing"
>;

const contains = (haystack: string, needle: string | null) =>
  needle === null || haystack.toLowerCase().includes(needle.toLowerCase());

/** Whether every condition the rule gives matches the message (case-insensitive "contains"). */
export function ruleMatches(
  rule: RuleFields,
  listing: Pick<Listing, "fromAddress" | "fromName" | "toList" | "ccList" | "subject">,
) {
  const from = `${listing.fromName} ${listing.fromAddress}`;
  const toCc = [...listing.toList, ...listing.ccList].map((m) => `${m.name} ${m.address}`).join("\n");
  return (
    contains(from, rule.fromContains) &&
    contains(toCc, rule.toContains) &&
    contains(listing.subject, rule.subjectContains)
  );
}

/** Applies the ordered rules to one message: the last move wins, read/flag accumulate, a stop ends the list. */
export function applyRules(rules: RuleFields[], listing: Parameters<typeof ruleMatches>[1]) {
  const plan: Omit<CopyPlan, "autoReply"> = { seen: false, flagged: false, forwardRuleIds: [] };
  for (const rule of rules) {
    if (!ruleMatches(rule, listing)) continue;
    if (rule.moveToFolderId) plan.folderId = rule.moveToFolderId;
    if (rule.markRead) plan.seen = true;
    if (rule.flag) plan.flagged = true;
    if (rule.forwardTo) plan.forwardRuleIds.push(rule.id);
    if (rule.stopProcessing) break;
  }
  return plan;
}

/**
 * The inbox rules and automatic replies of the mailboxes a message is being delivered to, read
 * inside the delivery's transaction (two queries, sent together, before any quota row is locked).
 * Only mailboxes with a rule or an active automatic reply get an entry.
 */
export async function planDelivery(
  tx: Db,
  mailboxes: { id: string; orgId: string }[],
  listing: Listing,
  now = new Date(),
): Promise<DeliveryPlans> {
  const plans: DeliveryPlans = new Map();
  if (mailboxes.length === 0) return plans;
  const ids = [...new Set(mailboxes.map((m) => m.id))];
  const orgIds = [...new Set(mailboxes.map((m) => m.orgId))];
  const [rules, replying] = await Promise.all([
    tx
      .select()
      .from(inboxRules)
      .where(and(inArray(inboxRules.orgId, orgIds), inArray(inboxRules.accountId, ids)))
      .orderBy(asc(inboxRules.accountId), asc(inboxRules.position)),
    tx
      .select({ accountId: autoReplies.accountId })
      .from(autoReplies)
      .where(
        and(
          inArray(autoReplies.orgId, orgIds),
          inArray(autoReplies.accountId, ids),
          eq(autoReplies.enabled, true),
          or(isNull(autoReplies.startsAt), lte(autoReplies.startsAt, now)),
          or(isNull(autoReplies.endsAt), gt(autoReplies.endsAt, now)),
        ),
      ),
  ]);
  const byAccount = new Map<string, InboxRule[]>();
  for (const r of rules) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
  const replies = new Set(replying.map((r) => r.accountId));
  for (const id of ids) {
    const list = byAccount.get(id);
    if (!list && !replies.has(id)) continue;
    plans.set(id, { ...applyRules(list ?? [], listing), autoReply: replies.has(id) });
  }
  return plans;
}

/** The copy fields the plan changes (folder, seen, flagged), for a Copy headed for `inboxId`. */
export function plannedCopy(plans: DeliveryPlans, accountId: string, inboxId: string) {
  const plan = plans.get(accountId);
  return { folderId: plan?.folderId ?? inboxId, seen: plan?.seen ?? false, flagged: plan?.flagged ?? false };
}

/**
 * Writes the replies and forwards the plans call for, in the delivery's transaction: they exist only
 * if the message was stored, and are done after the commit (runAutomationJobs). Returns how many.
 */
export async function recordAutomationJobs(
  tx: Db,
  plans: DeliveryPlans,
  stored: { accountId: string; orgId: string; contentId: string }[],
): Promise<number> {
  const rows = stored.flatMap(({ accountId, orgId, contentId }) => {
    const plan = plans.get(accountId);
    if (!plan) return [];
    return [
      ...(plan.autoReply ? [{ orgId, accountId, contentId, kind: "reply" as const, ruleId: null }] : []),
      ...plan.forwardRuleIds.map((ruleId) => ({ orgId, accountId, contentId, kind: "forward" as const, ruleId })),
    ];
  });
  if (rows.length > 0) await tx.insert(automationJobs).values(rows);
  return rows.length;
}
