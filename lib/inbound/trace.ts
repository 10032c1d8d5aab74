import "server-only";

export type TraceInput = {
  /** MAIL FROM ("" for the null sender). */
  sender: string;
  helo: string;
  clientIp: string;
  /** The client's reverse DNS name, when known. */
  clientHostname?: string;
  hostname: string;
  queueId: string;
  tls: boolean;
  utf8: boolean;
  /** Named in `for <…>` when the message has exactly one recipient. */
  recipients: string[];
  date?: Date;
};

/** Printable ASCII only, no spaces, so a client's words cannot break a header. */
const token = (value: string, fallback: string) =>
  value.replace(/[^\x21-\x7e]/g, "").replace(/[()<>;]/g, "") || fallback;

/** RFC 5322 date-time, in UTC. */
export function rfc5322Date(date: Date): string {
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${days[date.getUTCDay()]}, ${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${p(
    date.getUTCHours(),
  )}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

/**
 * `Return-Path` and `Received` (RFC 5321 §4.4) for a message received from outside, CRLF-ended,
 * to be put above the message as it came.
 */
export function traceHeaders(input: TraceInput): string {
  const protocol = `${input.utf8 ? "UTF8SMTP" : "ESMTP"}${input.tls ? "S" : ""}`;
  const remote =
    input.clientHostname && input.clientHostname !== input.clientIp ? `${token(input.clientHostname, "")} ` : "";
  const ip = input.clientIp.includes(":") ? `IPv6:${input.clientIp}` : input.clientIp;
  const sender = input.sender.replace(/[\r\n<>]/g, "");
  const lines = [
    `Return-Path: <${sender}>`,
    `Received: from ${token(input.helo, "unknown")} (${remote}[${ip}])`,
    `\tby ${token(input.hostname, "localhost")} (Mailroom) with ${protocol} id ${input.queueId}` +
      (input.recipients.length === 1 ? `\r\n\tfor <${input.recipients[0]!.replace(/[\r\n<>]/g, "")}>` : "") +
      `;`,
    `\t${rfc5322Date(input.date ?? new Date())}`,
  ];
  return lines.join("\r\n") + "\r\n";
}
