import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { accounts, folders, messages } from "@/db/schema";
import { requireMailboxRight } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import type { DeliveryFailure } from "@/lib/mime/report";
import { deliveryStatesOf } from "@/lib/outbound/status";

export type SentSummary = {
  messageId: string | null;
  subject: string;
  /** Recipients that got the message. */
  delivered: string[];
  /** Recipients outside the installation: on the outbound queue. */
  queued: string[];
  /** Recipients that did not (a report is in the sender's Inbox). */
  failed: DeliveryFailure[];
  /** The mailboxes keeping a copy in their Sent Items. */
  sentCopies: string[];
};

const FAILURE = /^(5\.1\.1|5\.2\.2):(.+)$/;

/** Failures as carried in the confirmation URL (`f=5.1.1:address`, repeated). */
export const encodeFailures = (failed: DeliveryFailure[]) => failed.map((f) => `${f.status}:${f.address}`);

/**
 * What the confirmation page shows after sending: the Sent copy (read through the access check),
 * its recipients, and the failures named in the URL — only those that are among its recipients,
 * so a crafted link cannot make the page say anything else.
 */
export async function loadSentSummary(
  db: Db,
  actor: Actor,
  sentCopyId: string,
  failures: string[],
): Promise<SentSummary> {
  if (!z.uuid().safeParse(sentCopyId).success) throw new DomainError("notFound");
  const [copy] = await db
    .select({
      accountId: messages.accountId,
      contentId: messages.contentId,
      messageIdHeader: messages.messageIdHeader,
      subject: messages.subject,
      toList: messages.toList,
      ccList: messages.ccList,
      bccList: messages.bccList,
    })
    .from(messages)
    .where(and(eq(messages.orgId, actor.orgId), eq(messages.id, sentCopyId)));
  if (!copy) throw new DomainError("notFound");
  const { mailbox } = await requireMailboxRight(db, actor, { id: copy.accountId }, "fullAccess");
  const recipients = [...new Set([...copy.toList, ...copy.ccList, ...copy.bccList].map((m) => m.address))];
  const failed = failures.flatMap((f) => {
    const match = FAILURE.exec(f);
    const address = match?.[2]?.toLowerCase();
    return match && address && recipients.includes(address)
      ? [{ status: match[1] as DeliveryFailure["status"], address }]
      : [];
  });
  const external = new Set((await deliveryStatesOf(db, mailbox.orgId, copy.contentId)).map((s) => s.address));
  const failedSet = new Set(failed.map((f) => f.address));
  const holders = await db
    .select({ address: accounts.address })
    .from(messages)
    .innerJoin(folders, and(eq(folders.orgId, messages.orgId), eq(folders.id, messages.folderId)))
    .innerJoin(accounts, eq(accounts.id, messages.accountId))
    .where(
      and(eq(messages.orgId, mailbox.orgId), eq(messages.contentId, copy.contentId), inArray(folders.kind, ["sent"])),
    );
  return {
    messageId: copy.messageIdHeader,
    subject: copy.subject,
    delivered: recipients.filter((a) => !failedSet.has(a) && !external.has(a)),
    queued: recipients.filter((a) => external.has(a)),
    failed,
    sentCopies: [...new Set(holders.map((h) => h.address))].sort((a, b) =>
      a === mailbox.address ? -1 : b === mailbox.address ? 1 : a.localeCompare(b),
    ),
  };
}
