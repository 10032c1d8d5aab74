import "server-only";
import { answeredInMailbox, recordAnswer } from "@/lib/replies/answered";
import { randomUUID } from "node:crypto";
import mimeFuncs from "nodemailer/lib/mime-funcs";
import type { Db } from "@/db/client";
import { getMailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { domainOf } from "@/lib/mime/addresses";
import { oneLine } from "@/lib/mime/build-message";
import { parseListing } from "@/lib/mime/parse-listing";
import type { DeliveryFailure } from "@/lib/mime/report";
import { commitDispatch, prepareDispatch } from "./dispatch";
import { resolveFrom, type ResolvedFrom } from "./from";
import { MAX_RECIPIENTS } from "./limits";

export type Submission = { raw: Buffer; recipients: string[] };
export type SubmitResult = {
  messageId: string;
  from: string;
  delivered: string[];
  queued: string[];
  failed: DeliveryFailure[];
};

/** Splits a raw message into its header lines (continuations folded in) and the rest, from the empty line on. */
function splitHeaders(raw: Buffer): { lines: string[]; body: Buffer } {
  const text = raw.toString("latin1");
  const match = /\r?\n\r?\n/.exec(text);
  const end = match ? match.index : text.length;
  const lines: string[] = [];
  for (const line of text.slice(0, end).split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += `\r\n${line}`;
    else if (line) lines.push(line);
  }
  return { lines, body: Buffer.from(text.slice(end), "latin1") };
}

const named = (name: string) => (line: string) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`);

/**
 * The message as it leaves: no Bcc header; a Sender header naming the delegate for Send on Behalf
 * (R5) when the client did not write one; a Message-ID when it has none. The rest is kept byte for byte.
 */
function prepareRaw(raw: Buffer, sender: { name: string; address: string } | null, messageId: string | null): Buffer {
  const { lines, body } = splitHeaders(raw);
  const kept = lines.filter((l) => !named("bcc")(l));
  const added: string[] = [];
  if (sender && !kept.some(named("sender"))) {
    const name = oneLine(sender.name);
    added.push(`Sender: ${name ? `${mimeFuncs.encodeWord(name, "Q", 52)} ` : ""}<${sender.address}>`);
  }
  if (messageId) added.push(`Message-ID: ${messageId}`);
  return Buffer.concat([Buffer.from([...added, ...kept].join("\r\n"), "latin1"), body]);
}

/** Refuses a forged From over submission exactly as the webmail does: audited, then "sendForbidden". */
async function refuse(db: Db, actor: Actor, from: string, mode: string): Promise<never> {
  await db.transaction((tx) =>
    recordAudit(tx, {
      orgId: actor.orgId,
      actor: { id: actor.id, address: actor.address, sessionId: actor.sessionId },
      mailbox: null,
      action: "send.forbidden",
      details: { from, mode, door: "submission" },
    }),
  );
  throw new DomainError("sendForbidden", { from: ["sendForbidden"] }, { address: from });
}

/**
 * A message submitted by a mail client (SMTP submission, R16): the same rules as the webmail, by the
 * same functions. The From header decides the mailbox sent from (`resolveFrom`): the user's own, Send
 * As (no Sender), or Send on Behalf (Sender must be the user, added when missing); anything else is
 * refused and audited. The envelope recipients are the recipients (Bcc included); the envelope sender
 * given by the client is not used — it is the From mailbox, as for the webmail. Then the one send path
 * (lib/compose/dispatch.ts): Sent copies, local delivery, the outbound queue.
 */
export async function submitMessage(db: Db, actor: Actor, input: Submission): Promise<SubmitResult> {
  const recipients = [...new Set(input.recipients.map((r) => r.trim().toLowerCase()).filter(Boolean))];
  if (recipients.length === 0) throw new DomainError("recipientRequired");
  if (recipients.length > MAX_RECIPIENTS) throw new DomainError("tooManyRecipients");
  const first = await parseListing(input.raw);
  const fromAddress = first.fromAddress.toLowerCase();
  if (!fromAddress) throw new DomainError("invalid");
  const senderAddress = first.senderAddress?.toLowerCase() ?? null;

  let from: ResolvedFrom;
  if (senderAddress && senderAddress !== fromAddress) {
    if (senderAddress !== actor.address) return refuse(db, actor, fromAddress, "onBehalf");
    from = await resolveFrom(db, actor, { mode: "onBehalf", address: fromAddress }, { auditRefusal: true });
  } else {
    const access = await getMailboxAccess(db, actor, { address: fromAddress });
    const mode = access && !access.rights.sendAs && access.rights.sendOnBehalf ? "onBehalf" : "as";
    from = await resolveFrom(db, actor, { mode, address: fromAddress }, { auditRefusal: true });
  }

  const messageId = first.messageIdHeader ?? `<${randomUUID()}@${domainOf(from.mailbox.address)}>`;
  const raw = prepareRaw(
    input.raw,
    from.mode === "onBehalf" ? { name: actor.displayName, address: actor.address } : null,
    first.messageIdHeader ? null : messageId,
  );
  const dispatch = await prepareDispatch(db, actor, from, recipients);
  const listing = await parseListing(raw);
  const visible = new Set([...listing.toList, ...listing.ccList].map((m) => m.address));
  const bcc = recipients.filter((r) => !visible.has(r)).map((address) => ({ name: "", address }));
  // A reply to a message of the mailbox sent from: \Answered, and in a shared mailbox its conversation
  // knows who replied and is taken by them, as from the webmail.
  const answered = await answeredInMailbox(db, from.mailbox, listing.threadRefs);
  const result = await commitDispatch(
    db,
    actor,
    dispatch,
    { raw, listing, messageId, bcc, recipientCount: recipients.length },
    answered ? (tx) => recordAnswer(tx, actor, answered, { openedAt: null, sendAnyway: true }) : undefined,
  );
  return {
    messageId,
    from: from.mailbox.address,
    delivered: result.delivered,
    queued: result.queued,
    failed: result.failed,
  };
}
