"use client";

import Link from "@/components/ui/Link";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";

export type SentSummary = {
  subject: string;
  delivered: string[];
  queued: string[];
  failed: { address: string; status: string }[];
  sentCopies: string[];
};

/** The confirmation after sending: who got it, who did not (a report is in the Inbox), where copies are. */
export function SentNotice({ sent, backHref, newHref }: { sent: SentSummary; backHref: string; newHref: string }) {
  const t = useTranslations("compose.sent");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      role="status"
      aria-labelledby="sent-heading"
      data-testid="sent-notice"
      className="space-y-3 rounded border border-green-300 bg-green-50 p-4"
    >
      <h1 id="sent-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold text-green-900">
        {t("title")}
      </h1>
      {sent.subject && <p className="font-medium">{sent.subject}</p>}
      <p>{t("delivered", { count: sent.delivered.length })}</p>
      {sent.queued.length > 0 && <p>{t("queued", { addresses: sent.queued.join(", ") })}</p>}
      {sent.failed.length > 0 && (
        <p className="text-red-800">{t("failed", { addresses: sent.failed.map((f) => f.address).join(", ") })}</p>
      )}
      <p className="text-sm text-slate-700">{t("sentCopies", { mailboxes: sent.sentCopies.join(", ") })}</p>
      <div className="flex gap-4">
        <Link href={backHref} className="text-brand-700 underline">
          {t("back")}
        </Link>
        {/* a full load: a fresh, empty form */}
        <a href={newHref} className="text-brand-700 underline">
          {t("newMessage")}
        </a>
      </div>
    </section>
  );
}
