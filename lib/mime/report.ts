import "server-only";
import { randomUUID } from "node:crypto";
import MimeNode from "nodemailer/lib/mime-node";
import type { Mailbox } from "@/db/schema";
import { oneLine } from "./build-message";

/** Why one recipient did not get the message (RFC 3463 status codes). */
export type DeliveryFailure = {
  address: string;
  status: "5.1.1" | "5.2.2";
};

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
};

const DIAGNOSTIC: Record<DeliveryFailure["status"], string> = {
  "5.1.1": "550 5.1.1 Recipient address rejected: user unknown",
  "5.2.2": "552 5.2.2 Mailbox full: quota exceeded",
};

const HUMAN: Record<DeliveryFailure["status"], { fr: string; en: string }> = {
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

function humanText(report: DeliveryReport): string {
  const fr = report.failures.map((f) => `  <${f.address}> : ${HUMAN[f.status].fr}`).join("\n");
  const en = report.failures.map((f) => `  <${f.address}>: ${HUMAN[f.status].en}`).join("\n");
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
  const recipients = report.failures.map((f) =>
    [
      `Final-Recipient: rfc822; ${f.address}`,
      "Action: failed",
      `Status: ${f.status}`,
      `Diagnostic-Code: smtp; ${DIAGNOSTIC[f.status]}`,
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
    Subject: `Non distribué / Undeliverable: ${subject}`,
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
