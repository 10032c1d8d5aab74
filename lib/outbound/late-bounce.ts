import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import type { Db } from "@/db/client";
import { outboundMessages, outboundRecipients } from "@/db/schema";
import { reportBoundary, reportedMessageId, reportStatusPart, statusClass } from "@/lib/mime/delivery-status";

/**
 * A relay that accepted a recipient and failed later sends a delivery report (RFC 3464) back to the
 * envelope sender, with the null reverse path (RFC 5321 §4.5.5). When such a report reaches the
 * mailbox that sent the message, its failed recipients are marked failed in the queue's record, so
 * the Sent copy stops saying "delivered". Only recipients of a message sent from one of the
 * mailboxes the report was delivered to, named by the report's returned Message-ID, and recorded as
 * delivered: a forged report can at most mark the addressee's own sent mail. Returns how many
 * recipients changed.
 */
export async function recordLateBounce(
  db: Db,
  input: { raw: Buffer; sender: string; mailboxes: { orgId: string; id: string }[] },
): Promise<number> {
  if (input.sender !== "" || input.mailboxes.length === 0) return 0;
  const parsed = await simpleParser(input.raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const boundary = reportBoundary(parsed.headers.get("content-type"));
  if (!boundary) return 0;
  const status = reportStatusPart(input.raw, boundary);
  const messageId = reportedMessageId(input.raw, boundary);
  if (!status || !messageId) return 0;
  const failed = status.recipients.filter((r) => r.action === "failed" || statusClass(r.status) === "permanent");
  if (failed.length === 0) return 0;
  const reporter = status.reportingMta ? ` (${status.reportingMta})` : "";

  let changed = 0;
  for (const orgId of new Set(input.mailboxes.map((m) => m.orgId))) {
    const mailboxIds = input.mailboxes.filter((m) => m.orgId === orgId).map((m) => m.id);
    const sent = db
      .select({ id: outboundMessages.id })
      .from(outboundMessages)
      .where(
        and(
          eq(outboundMessages.orgId, orgId),
          inArray(outboundMessages.accountId, mailboxIds),
          eq(outboundMessages.messageIdHeader, messageId),
        ),
      );
    for (const recipient of failed) {
      const said = `${recipient.status} ${recipient.diagnostic ?? ""}`;
      const reply = `Refused after delivery to the next server${reporter}: ${said}`;
      const rows = await db
        .update(outboundRecipients)
        .set({ state: "failed", lastReply: reply.trim().slice(0, 1000), updatedAt: sql`now()` })
        .where(
          and(
            eq(outboundRecipients.orgId, orgId),
            inArray(outboundRecipients.messageId, sent),
            sql`lower(${outboundRecipients.address}) = ${recipient.recipient.toLowerCase()}`,
            eq(outboundRecipients.state, "delivered"),
          ),
        )
        .returning({ id: outboundRecipients.id });
      changed += rows.length;
    }
  }
  return changed;
}
