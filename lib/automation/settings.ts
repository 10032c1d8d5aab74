import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, autoReplies, folders, inboxRules } from "@/db/schema";
import { mailboxesWith, requireMailboxRight, type MailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError, fieldError } from "@/lib/errors";
import { withTransactionRetry } from "@/lib/transactions/retry-on-conflict";

/**
 * Automatic replies and inbox rules of a mailbox: read and changed by its owner, or by a delegate
 * with Full Access (a shared mailbox's are set by its delegates). Send As or Send on Behalf alone
 * gives nothing here; a stranger gets "not found" (R12). Every change is audited in its transaction.
 */
export const MAX_RULES = 50;

export type AutoReplySettings = {
  enabled: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  timeZone: string;
  internalText: string;
  externalText: string;
};

export type RuleView = {
  id: string;
  position: number;
  name: string;
  fromContains: string | null;
  toContains: string | null;
  subjectContains: string | null;
  moveToFolderId: string | null;
  moveToFolderName: string | null;
  markRead: boolean;
  flag: boolean;
  forwardTo: string | null;
  stopProcessing: boolean;
};

export type AutomationView = {
  mailbox: MailboxAccess["mailbox"];
  /** Whether the actor may create forwarding rules (Send As on the mailbox). */
  mayForward: boolean;
  autoReply: AutoReplySettings;
  rules: RuleView[];
  folders: { id: string; name: string; kind: string }[];
};

const DEFAULTS: AutoReplySettings = {
  enabled: false,
  startsAt: null,
  endsAt: null,
  timeZone: "UTC",
  internalText: "",
  externalText: "",
};

const auditActor = (actor: Actor) => ({ id: actor.id, address: actor.address, sessionId: actor.sessionId });
const ref = (address: string) => ({ address });

/** The mailboxes whose automatic replies and rules the actor may manage: their own, then Full Access ones. */
export async function listAutomationMailboxes(db: Db, actor: Actor) {
  return db
    .select({ address: accounts.address, displayName: accounts.displayName, kind: accounts.kind })
    .from(accounts)
    .where(mailboxesWith(db, actor, "fullAccess"))
    .orderBy(sql`${accounts.id} <> ${actor.id}`, asc(accounts.address));
}

export async function loadAutomation(db: Db, actor: Actor, address: string): Promise<AutomationView> {
  const access = await requireMailboxRight(db, actor, ref(address), "fullAccess");
  const { mailbox } = access;
  const [[settings], rules, folderRows] = await Promise.all([
    db
      .select()
      .from(autoReplies)
      .where(and(eq(autoReplies.orgId, mailbox.orgId), eq(autoReplies.accountId, mailbox.id))),
    db
      .select()
      .from(inboxRules)
      .where(and(eq(inboxRules.orgId, mailbox.orgId), eq(inboxRules.accountId, mailbox.id)))
      .orderBy(asc(inboxRules.position)),
    db
      .select({ id: folders.id, name: folders.name, kind: folders.kind })
      .from(folders)
      .where(and(eq(folders.orgId, mailbox.orgId), eq(folders.accountId, mailbox.id)))
      .orderBy(asc(folders.name)),
  ]);
  const folderName = new Map(folderRows.map((f) => [f.id, f.name]));
  return {
    mailbox,
    mayForward: access.rights.sendAs,
    autoReply: settings
      ? {
          enabled: settings.enabled,
          startsAt: settings.startsAt,
          endsAt: settings.endsAt,
          timeZone: settings.timeZone,
          internalText: settings.internalText,
          externalText: settings.externalText,
        }
      : DEFAULTS,
    rules: rules.map((r) => ({
      id: r.id,
      position: r.position,
      name: r.name,
      fromContains: r.fromContains,
      toContains: r.toContains,
      subjectContains: r.subjectContains,
      moveToFolderId: r.moveToFolderId,
      moveToFolderName: r.moveToFolderId ? (folderName.get(r.moveToFolderId) ?? null) : null,
      markRead: r.markRead,
      flag: r.flag,
      forwardTo: r.forwardTo,
      stopProcessing: r.stopProcessing,
    })),
    folders: folderRows,
  };
}

/** Turns automatic replies on or off, with their period and texts. */
export async function saveAutoReply(
  db: Db,
  actor: Actor,
  input: { address: string } & AutoReplySettings,
): Promise<void> {
  const { mailbox } = await requireMailboxRight(db, actor, ref(input.address), "fullAccess");
  if (input.startsAt && input.endsAt && input.startsAt >= input.endsAt) throw fieldError("endsAt", "periodOrder");
  if (input.enabled && !input.internalText.trim() && !input.externalText.trim()) {
    throw fieldError("internalText", "replyTextNeeded");
  }
  const values = {
    enabled: input.enabled,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    timeZone: input.timeZone,
    internalText: input.internalText,
    externalText: input.externalText,
    updatedBy: actor.id,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(autoReplies)
      .values({ orgId: mailbox.orgId, accountId: mailbox.id, ...values })
      .onConflictDoUpdate({ target: [autoReplies.orgId, autoReplies.accountId], set: values });
    await recordAudit(tx, {
      orgId: mailbox.orgId,
      actor: auditActor(actor),
      mailbox: { id: mailbox.id, address: mailbox.address },
      action: "autoReply.update",
      details: {
        enabled: input.enabled,
        startsAt: input.startsAt?.toISOString() ?? null,
        endsAt: input.endsAt?.toISOString() ?? null,
      },
    });
  });
}

export type NewRule = {
  address: string;
  name: string;
  fromContains: string | null;
  toContains: string | null;
  subjectContains: string | null;
  moveToFolderId: string | null;
  markRead: boolean;
  flag: boolean;
  forwardTo: string | null;
  stopProcessing: boolean;
};

/** Adds a rule at the end of the mailbox's list. A forward needs Send As (it is sent as the mailbox). */
export async function addInboxRule(db: Db, actor: Actor, input: NewRule): Promise<{ id: string }> {
  const access = await requireMailboxRight(db, actor, ref(input.address), "fullAccess");
  const { mailbox } = access;
  if (!input.fromContains && !input.toContains && !input.subjectContains) {
    throw fieldError("fromContains", "ruleNeedsCondition");
  }
  if (!input.moveToFolderId && !input.markRead && !input.flag && !input.forwardTo) {
    throw fieldError("moveToFolderId", "ruleNeedsAction");
  }
  if (input.forwardTo && !access.rights.sendAs) throw fieldError("forwardTo", "forwardNeedsSendAs");
  if (input.moveToFolderId) {
    const [folder] = await db
      .select({ id: folders.id })
      .from(folders)
      .where(
        and(eq(folders.orgId, mailbox.orgId), eq(folders.accountId, mailbox.id), eq(folders.id, input.moveToFolderId)),
      );
    if (!folder) throw fieldError("moveToFolderId", "ruleFolderUnknown");
  }
  return withTransactionRetry(() =>
    db.transaction(async (tx) => {
      // The mailbox's row orders concurrent additions (positions stay distinct).
      await tx.execute(sql`select 1 from ${accounts} where ${accounts.id} = ${mailbox.id} for update`);
      const [{ count, last }] = (await tx
        .select({ count: sql<number>`count(*)::int`, last: sql<number>`coalesce(max(${inboxRules.position}), 0)::int` })
        .from(inboxRules)
        .where(and(eq(inboxRules.orgId, mailbox.orgId), eq(inboxRules.accountId, mailbox.id)))) as [
        { count: number; last: number },
      ];
      if (count >= MAX_RULES) throw new DomainError("tooManyRules", undefined, { max: MAX_RULES });
      const { address: _address, ...fields } = input;
      const [row] = await tx
        .insert(inboxRules)
        .values({ ...fields, orgId: mailbox.orgId, accountId: mailbox.id, position: last + 1, createdBy: actor.id })
        .returning({ id: inboxRules.id });
      await recordAudit(tx, {
        orgId: mailbox.orgId,
        actor: auditActor(actor),
        mailbox: { id: mailbox.id, address: mailbox.address },
        action: "rule.create",
        details: { rule: input.name, forwardTo: input.forwardTo },
      });
      return row!;
    }),
  );
}

async function ruleOf(tx: Db, mailbox: MailboxAccess["mailbox"], ruleId: string) {
  const [rule] = await tx
    .select()
    .from(inboxRules)
    .where(and(eq(inboxRules.orgId, mailbox.orgId), eq(inboxRules.accountId, mailbox.id), eq(inboxRules.id, ruleId)));
  if (!rule) throw new DomainError("notFound");
  return rule;
}

export async function deleteInboxRule(db: Db, actor: Actor, input: { address: string; ruleId: string }) {
  const { mailbox } = await requireMailboxRight(db, actor, ref(input.address), "fullAccess");
  await db.transaction(async (tx) => {
    const rule = await ruleOf(tx, mailbox, input.ruleId);
    await tx.delete(inboxRules).where(and(eq(inboxRules.orgId, mailbox.orgId), eq(inboxRules.id, rule.id)));
    await recordAudit(tx, {
      orgId: mailbox.orgId,
      actor: auditActor(actor),
      mailbox: { id: mailbox.id, address: mailbox.address },
      action: "rule.delete",
      details: { rule: rule.name },
    });
  });
}

/** Moves a rule one place up or down the order (swapping with its neighbour). */
export async function moveInboxRule(
  db: Db,
  actor: Actor,
  input: { address: string; ruleId: string; direction: "up" | "down" },
) {
  const { mailbox } = await requireMailboxRight(db, actor, ref(input.address), "fullAccess");
  await withTransactionRetry(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from ${accounts} where ${accounts.id} = ${mailbox.id} for update`);
      const rule = await ruleOf(tx, mailbox, input.ruleId);
      const all = await tx
        .select({ id: inboxRules.id, position: inboxRules.position })
        .from(inboxRules)
        .where(and(eq(inboxRules.orgId, mailbox.orgId), eq(inboxRules.accountId, mailbox.id)))
        .orderBy(asc(inboxRules.position));
      const i = all.findIndex((r) => r.id === rule.id);
      const other = all[input.direction === "up" ? i - 1 : i + 1];
      if (!other) return;
      await tx
        .update(inboxRules)
        .set({
          position: sql`case when ${inboxRules.id} = ${rule.id}
            then ${other.position}::int else ${rule.position}::int end`,
        })
        .where(and(eq(inboxRules.orgId, mailbox.orgId), inArray(inboxRules.id, [rule.id, other.id])));
      await recordAudit(tx, {
        orgId: mailbox.orgId,
        actor: auditActor(actor),
        mailbox: { id: mailbox.id, address: mailbox.address },
        action: "rule.move",
        details: { rule: rule.name, direction: input.direction },
      });
    }),
  );
}
