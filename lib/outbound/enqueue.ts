import "server-only";
import type { Db } from "@/db/client";
import { outboundMessages, outboundRecipients } from "@/db/schema";
import { domainOf } from "@/lib/mime/addresses";

export type EnqueueInput = {
  orgId: string;
  /** The mailbox sent from: the envelope sender, whose Inbox gets the reports. */
  accountId: string;
  mailFrom: string;
  /** The stored content of the Sent copy, which shows the recipients' states. */
  contentId: string;
  messageIdHeader: string | null;
  subject: string;
  raw: Buffer;
  recipients: string[];
};

/**
 * Puts a message on the outbound queue inside the caller's transaction (R15): one row for the
 * message, one per recipient, due at once. Committed with the Sent copy or not at all.
 */
export async function enqueueInTx(tx: Db, input: EnqueueInput): Promise<string> {
  const [message] = await tx
    .insert(outboundMessages)
    .values({
      orgId: input.orgId,
      accountId: input.accountId,
      mailFrom: input.mailFrom,
      contentId: input.contentId,
      messageIdHeader: input.messageIdHeader,
      subject: input.subject,
      raw: input.raw,
      sizeBytes: input.raw.length,
    })
    .returning({ id: outboundMessages.id });
  await tx.insert(outboundRecipients).values(
    [...new Set(input.recipients.map((a) => a.toLowerCase()))].map((address) => ({
      orgId: input.orgId,
      messageId: message!.id,
      address,
      domain: domainOf(address),
    })),
  );
  return message!.id;
}
