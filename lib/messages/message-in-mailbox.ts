import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messages } from "@/db/schema";
import { DomainError } from "@/lib/errors";

/**
 * A message of a mailbox whose access the caller has checked, with its conversation, subject and
 * folder; notFound when the mailbox has no such message.
 */
export async function messageInMailbox(db: Db, mailbox: { orgId: string; id: string }, messageId: string) {
  const [message] = await db
    .select({ id: messages.id, threadId: messages.threadId, subject: messages.subject, folderId: messages.folderId })
    .from(messages)
    .where(and(eq(messages.orgId, mailbox.orgId), eq(messages.accountId, mailbox.id), eq(messages.id, messageId)));
  if (!message) throw new DomainError("notFound");
  return message;
}
