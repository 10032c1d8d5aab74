import "server-only";
import { randomUUID } from "node:crypto";
import MimeNode from "nodemailer/lib/mime-node";
import type { Mailbox } from "@/db/schema";
import { oneLine } from "./build-message";

/** Why one recipient did not get the message (RFC 3463 status codes). */
export type DeliveryFailure = {
  address: string;
  /** "5.1.1", "5.2.2" for local delivery; the far end's enhanced code (or 4.4.x / 5.x.x) for remote. */
  status: string;
  /** The remote server's reply (remote delivery only). */
  diagnostic?: string;
  /** The server that gave it. */
  remoteMta?: string;
};

/** A failure report (the message will not be delivered) or a delay notice (still trying). */
export type ReportKind = "failed" | "delayed";

export type DeliveryReport = {
  /** The domain the report comes from (the sender's). */
  reportingDomain: string;
  /** Who gets the report: the person who sent. */
  to: Mailbox;
  /** The refused message, raw: its header block is attached to the report. */
  original: Buffer;
  originalSubject: string;
  failures: DeliveryFailure[];
  arrivalDate: Date;
  /** "failed" unless said otherwise. */
  kind?: ReportKind;
  /** Delay notices: until when delivery is tried. */
  retryUntil?: Date;
};

const DIAGNOSTIC: Record<string, string> = {
  "5.1.1": "550 5.1.1 Recipient address rejected: user unknown",
  "5.2.2": "552 5.2.2 Mailbox full: quota exceeded",
};

const HUMAN: Record<string, { fr: string; en: string }> = {
  "5.1.1": {
    fr: "cette adresse n'existe pas (5.1.1 Utilisateur inconnu)",
    en: "this address does not exist (5.1.1 User unknown)",
  },
  "5.2.2": {
    fr: "la boîte aux lettres est pleine (5.2.2 Mailbox full)",
    en: "the mailbox is full (5.2.2 Mailbox full)",
  },
};

/** The header block of a raw message (everything before the first empty line). */
export function headerBlock(raw: Buffer): string {
  const text = raw.toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  return (end < 0 ? text : text.slice(0, end)).replace(/\r?\n/g, "\r\n") + "\r\n";
}

/** Why, in words: the local reasons, or the remote server's reply as it came. */
function reason(f: DeliveryFailure, lang: "fr" | "en"): string {
  const local = HUMAN[f.status];
  if (local && !f.diagnostic) return local[lang];
  const server = f.remoteMta ? ` (${f.remoteMta})` : "";
  return lang === "fr"
    ? `le serveur distant${server} a répondu : ${f.diagnostic ?? f.status}`
    : `the remote server${server} answered: ${f.diagnostic ?? f.status}`;
}

function humanText(report: DeliveryReport): string {
  const fr = report.failures.map((f) => `  <${f.address}> : ${reason(f, "fr")}`).join("\n");
  const en = report.failures.map((f) => `  <${f.address}>: ${reason(f, "en")}`).join("\n");
  if (report.kind === "delayed") {
    const until = report.retryUntil?.toUTCString() ?? "";
    return [
      `Votre message « ${report.originalSubject} » n'a pas encore pu être remis aux destinataires suivants :`,
      "",
      fr,
      "",
      `Aucune action n'est nécessaire : la remise sera retentée jusqu'au ${until}.`,
      "",
      "---",
      "",
      `Your message "${report.originalSubject}" has not yet been delivered to the following recipients:`,
      "",
      en,
      "",
      `No action is needed: delivery will be retried until ${until}.`,
      "",
    ].join("\n");
  }
  return [
    `Votre message « ${report.originalSubject} » n'a pas pu être remis aux destinataires suivants :`,
    "",
    fr,
    "",
    "Les autres destinataires, s'il y en a, l'ont bien reçu.",
    "",
    "---",
    "",
    `Your message "${report.originalSubject}" could not be delivered to the following recipients:`,
    "",
    en,
    "",
    "Any other recipients received it.",
    "",
  ].join("\n");
}

function statusText(report: DeliveryReport): string {
  const head = [`Reporting-MTA: dns; ${report.reportingDomain}`, `Arrival-Date: ${report.arrivalDate.toUTCString()}`];
  const action = report.kind ?? "failed";
  const recipients = report.failures.map((f) =>
    [
      `Final-Recipient: rfc822; ${f.address}`,
      `Action: ${action}`,
      `Status: ${f.status}`,
      ...(f.remoteMta ? [`Remote-MTA: dns; ${oneLine(f.remoteMta)}`] : []),
      `Diagnostic-Code: smtp; ${oneLine(f.diagnostic ?? DIAGNOSTIC[f.status] ?? f.status)}`,
      ...(action === "delayed" && report.retryUntil ? [`Will-Retry-Until: ${report.retryUntil.toUTCString()}`] : []),
    ].join("\r\n"),
  );
  return [head.join("\r\n"), ...recipients].join("\r\n\r\n") + "\r\n";
}

/**
 * A non-delivery report as real MIME (RFC 3464): multipart/report with a human-readable part in
 * French and English, the machine-readable message/delivery-status, and the refused message's
 * headers. Built with nodemailer's MimeNode, so headers are encoded like any other message.
 */
export function buildDeliveryReport(report: DeliveryReport): Promise<Buffer> {
  const subject = oneLine(report.originalSubject);
  const root = new MimeNode("multipart/report; report-type=delivery-status");
  root.setHeader({
    From: `Mail Delivery System <mailer-daemon@${report.reportingDomain}>`,
    Subject:
      report.kind === "delayed"
        ? `Remise retardée / Delivery delayed: ${subject}`
        : `Non distribué / Undeliverable: ${subject}`,
    Date: new Date().toUTCString(),
    "Message-ID": `<${randomUUID()}@${report.reportingDomain}>`,
    "Auto-Submitted": "auto-replied",
  });
  // MimeNode takes address objects for address headers (and encodes the names); its types only say string.
  root.setHeader("To", [{ name: oneLine(report.to.name), address: report.to.address }] as unknown as string);
  root.createChild("text/plain; charset=utf-8").setContent(humanText({ ...report, originalSubject: subject }));
  root.createChild("message/delivery-status").setContent(statusText(report));
  root.createChild("text/rfc822-headers").setContent(headerBlock(report.original));
  return root.build();
}
