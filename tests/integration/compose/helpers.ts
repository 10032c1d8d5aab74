import { and, eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import type { Db } from "../../../db/client";
import {
  accounts,
  auditEvents,
  folders,
  messageContents,
  messages,
  type Account,
  type WellKnownFolder,
} from "../../../db/schema";
import type { ActionState } from "../../../lib/forms/action-state";
import { loadSentSummary } from "../../../lib/compose/sent-summary";
import { actorOf } from "../../support/session";

/** A compose form as the browser would post it. */
export function composeForm(fields: Record<string, string | string[] | File[] | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) form.append(key, v);
    else form.append(key, value);
  }
  return form;
}

/** Copies in one folder of a mailbox, with their raw bytes. */
export async function copiesIn(db: Db, account: Pick<Account, "id">, kind: WellKnownFolder) {
  return db
    .select({
      id: messages.id,
      subject: messages.subject,
      fromAddress: messages.fromAddress,
      senderAddress: messages.senderAddress,
      bccList: messages.bccList,
      toList: messages.toList,
      seen: messages.seen,
      answered: messages.answered,
      isDraft: messages.isDraft,
      sizeBytes: messages.sizeBytes,
      contentId: messages.contentId,
      orgId: messages.orgId,
      raw: messageContents.raw,
    })
    .from(messages)
    .innerJoin(folders, and(eq(folders.orgId, messages.orgId), eq(folders.id, messages.folderId)))
    .innerJoin(
      messageContents,
      and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId)),
    )
    .where(and(eq(messages.accountId, account.id), eq(folders.kind, kind)))
    .orderBy(messages.receivedAt);
}

export async function parsed(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw);
}

/** The header block of a raw message, unfolded lines as written. */
export const headersOf = (raw: Buffer) => raw.toString("utf8").split(/\r\n\r\n/)[0]!;

export async function usedBytes(db: Db, account: Pick<Account, "id">) {
  const [row] = await db
    .select({ used: accounts.usedBytes, warnedAt: accounts.quotaWarnedAt })
    .from(accounts)
    .where(eq(accounts.id, account.id));
  return row!;
}

export async function auditOf(db: Db, action: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, action));
}

export async function folderCounts(db: Db, account: Pick<Account, "id">, kind: WellKnownFolder) {
  const [row] = await db
    .select({ total: folders.totalCount, unread: folders.unreadCount })
    .from(folders)
    .where(and(eq(folders.accountId, account.id), eq(folders.kind, kind)));
  return row!;
}

export function expectFailure(state: ActionState) {
  if (!state || state.ok) throw new Error(`expected a failure, got ${JSON.stringify(state)}`);
  return state;
}

/**
 * Sends through the compose action and follows its redirect to the confirmation: what the
 * confirmation page would show, read as the sender.
 */
export async function sentData(db: Db, run: Promise<ActionState>) {
  const url = new URL(await redirectOf(() => run), "http://localhost");
  if (url.pathname !== "/mail/compose/sent") throw new Error(`unexpected redirect to ${url}`);
  const sentCopyId = url.searchParams.get("message")!;
  const [copy] = await db.select({ accountId: messages.accountId }).from(messages).where(eq(messages.id, sentCopyId));
  const [owner] = await db.select().from(accounts).where(eq(accounts.id, copy!.accountId));
  const summary = await loadSentSummary(db, actorOf(owner!), sentCopyId, url.searchParams.getAll("f"));
  return { ...summary, messageId: summary.messageId!, sentCopyId, url };
}

/** Runs a server action that ends in redirect() and returns the URL it redirected to. */
export async function redirectOf(run: () => Promise<unknown>): Promise<string> {
  try {
    const state = await run();
    throw new Error(`expected a redirect, got ${JSON.stringify(state)}`);
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (!digest?.startsWith("NEXT_REDIRECT")) throw error;
    return digest.split(";")[2]!;
  }
}
