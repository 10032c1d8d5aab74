import "server-only";
import { randomUUID } from "node:crypto";
import { buildMessage } from "@/lib/mime/build-message";
import { domainOf } from "@/lib/mime/addresses";
import { formatBytes } from "@/lib/format/bytes";
import { percentUsed, type Thresholds } from "@/lib/quota/thresholds";

/**
 * The one message a mailbox gets when it crosses its warning threshold (R10), in French and
 * English: the mailbox's Full Access delegates see it in its Inbox too.
 */
export function buildQuotaWarning(
  mailbox: { address: string; displayName: string },
  usage: { usedBytes: number; quotaBytes: number },
  thresholds: Thresholds,
): Promise<Buffer> {
  const domain = domainOf(mailbox.address);
  const percent = percentUsed(usage.usedBytes, usage.quotaBytes);
  const fr = {
    used: formatBytes(usage.usedBytes, "fr"),
    quota: formatBytes(usage.quotaBytes, "fr"),
  };
  const en = {
    used: formatBytes(usage.usedBytes, "en"),
    quota: formatBytes(usage.quotaBytes, "en"),
  };
  const text = [
    `La boîte aux lettres ${mailbox.address} est pleine à ${percent} % (${fr.used} sur ${fr.quota}).`,
    `À ${thresholds.sendBlockPercent} %, l'envoi de messages sera bloqué ; à ${thresholds.receiveBlockPercent} %, les nouveaux messages seront refusés.`,
    "Supprimez des messages ou videz le dossier Éléments supprimés pour libérer de l'espace.",
    "",
    "---",
    "",
    `The mailbox ${mailbox.address} is ${percent}% full (${en.used} of ${en.quota}).`,
    `At ${thresholds.sendBlockPercent}% sending will be blocked; at ${thresholds.receiveBlockPercent}% new mail will be refused.`,
    "Delete messages or empty Deleted Items to free some space.",
    "",
  ].join("\n");
  return buildMessage({
    from: { name: "Mailroom", address: `postmaster@${domain}` },
    to: [{ name: mailbox.displayName, address: mailbox.address }],
    subject: "Boîte aux lettres presque pleine / Mailbox almost full",
    text,
    messageId: `<${randomUUID()}@${domain}>`,
    headers: { "Auto-Submitted": "auto-generated" },
  });
}
