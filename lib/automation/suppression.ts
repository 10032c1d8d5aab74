/**
 * When an automatic reply must not be sent (RFC 3834 section 2 and 3.1, and what mail servers learnt
 * since): pure, so the rules are tested one by one. Each answer names its reason, for the logs.
 */
export type ReplyCheck = {
  /** Who would be answered: the envelope sender (Return-Path), else the From address; "" for the null sender. */
  sender: string;
  /** The mailbox replying, and its other addresses (aliases). */
  mailboxAddresses: string[];
  autoSubmitted: string | null;
  precedence: string | null;
  listId: boolean;
  listUnsubscribe: boolean;
  junk: boolean;
};

export type NoReplyReason =
  "nullSender" | "ownAddress" | "systemSender" | "autoSubmitted" | "mailingList" | "bulk" | "junk";

/** Senders that are programs, not people: MAILER-DAEMON, postmaster, noreply, list robots and bounces. */
const SYSTEM_SENDER = new RegExp(
  "^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|listserv|majordomo" +
    "|owner-[^@]*|[^@]*-request|bounces?([+-][^@]*)?)@",
  "i",
);

export function noReplyReason(check: ReplyCheck): NoReplyReason | null {
  const sender = check.sender.trim().toLowerCase();
  if (!sender || !sender.includes("@")) return "nullSender";
  if (check.mailboxAddresses.some((a) => a.toLowerCase() === sender)) return "ownAddress";
  if (SYSTEM_SENDER.test(sender)) return "systemSender";
  const auto = check.autoSubmitted?.split(";")[0]?.trim().toLowerCase();
  if (auto && auto !== "no") return "autoSubmitted";
  if (check.listId || check.listUnsubscribe) return "mailingList";
  const precedence = check.precedence?.trim().toLowerCase();
  if (precedence === "list" || precedence === "bulk" || precedence === "junk") return "bulk";
  if (check.junk) return "junk";
  return null;
}

/** "Re: " once, as mail clients do (a subject already starting with Re: keeps it). */
export const replySubject = (subject: string) => (/^\s*re\s*:/i.test(subject) ? subject : `Re: ${subject}`.trim());

/** Forward loop guard: the mailboxes a message was already forwarded by (our own trail header), at most 3 hops. */
export const FORWARD_TRAIL_HEADER = "X-Mailroom-Forwarded";
export const MAX_FORWARD_HOPS = 3;

export function forwardRefusedBecause(input: {
  autoSubmitted: string | null;
  trail: string[];
  mailboxAddress: string;
  forwardTo: string;
}): "autoSubmitted" | "loop" | "tooManyHops" | null {
  const auto = input.autoSubmitted?.split(";")[0]?.trim().toLowerCase();
  if (auto && auto !== "no") return "autoSubmitted";
  const trail = input.trail.map((a) => a.toLowerCase());
  const self = input.mailboxAddress.toLowerCase();
  if (trail.includes(self) || input.forwardTo.toLowerCase() === self) return "loop";
  if (trail.length >= MAX_FORWARD_HOPS) return "tooManyHops";
  return null;
}
