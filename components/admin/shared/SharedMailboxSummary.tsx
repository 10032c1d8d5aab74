"use client";

import { useEffect, useRef } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { SharedMailboxSummary as Summary } from "@/lib/admin/shared/review-shared-mailbox";
import { formatBytes } from "@/lib/format/bytes";
import { SubmitButton } from "../form/SubmitButton";

type Props = {
  action: (formData: FormData) => void;
  summary: Summary;
  /** The fields as typed, carried to Confirm (and back) in hidden inputs. */
  input: Record<string, string | string[]>;
};

/** Step 2 of the create wizard: what will be created, then Back or Confirm. */
export function SharedMailboxSummary({ action, summary, input }: Props) {
  const t = useTranslations("admin.sharedForm");
  const locale = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const size = (bytes: number) => formatBytes(bytes, locale);
  return (
    <form action={action} className="max-w-xl space-y-5" data-testid="shared-summary">
      <p className="text-sm text-slate-600">{t("step2")}</p>
      <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold">
        {t("summaryTitle")}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded border bg-white p-4 text-sm">
        <dt className="font-medium">{t("address")}</dt>
        <dd data-testid="summary-address">{summary.address}</dd>
        <dt className="font-medium">{t("displayName")}</dt>
        <dd>{summary.displayName}</dd>
        <dt className="font-medium">{t("quotaShort")}</dt>
        <dd>{size(summary.quotaBytes)}</dd>
        <dt className="font-medium">{t("hidden")}</dt>
        <dd>{summary.hidden ? t("yes") : t("no")}</dd>
        <dt className="font-medium">{t("poolAfter")}</dt>
        <dd>
          {t("poolAfterValue", {
            allocated: size(summary.pool.allocatedBytes + summary.quotaBytes),
            total: size(summary.pool.totalBytes),
            free: size(summary.pool.freeAfterBytes),
          })}
        </dd>
      </dl>
      <p className="text-sm text-slate-600">{t("summaryNote")}</p>
      {["localPart", "domain", "displayName", "quota"].map((name) => (
        <input key={name} type="hidden" name={name} value={String(input[name] ?? "")} />
      ))}
      {input.hidden === "on" && <input type="hidden" name="hidden" value="on" />}
      <div className="flex gap-3">
        <SubmitButton name="intent" value="back" variant="secondary" pendingLabel={t("going")}>
          {t("back")}
        </SubmitButton>
        <SubmitButton name="intent" value="confirm" pendingLabel={t("creating")}>
          {t("confirm")}
        </SubmitButton>
      </div>
    </form>
  );
}
