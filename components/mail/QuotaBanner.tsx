import { useLocale, useTranslations } from "next-intl";
import { formatBytesPair } from "@/lib/format/bytes";
import type { QuotaLevel } from "@/lib/quota/thresholds";

export type QuotaBannerStatus = {
  address: string;
  usedBytes: number;
  quotaBytes: number;
  percent: number;
  level: QuotaLevel;
};

/**
 * The quota banner (R10): shown from the warning threshold up, saying what is blocked and how to
 * free space. Nothing is rendered below the threshold.
 */
export function QuotaBanner({ status }: { status: QuotaBannerStatus }) {
  const t = useTranslations("mail.quotaBanner");
  const locale = useLocale();
  if (status.level === "ok") return null;
  const pair = formatBytesPair(status.usedBytes, status.quotaBytes, locale);
  const values = { address: status.address, percent: status.percent, used: pair.part, quota: pair.whole };
  const tone =
    status.level === "warn" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-red-300 bg-red-50 text-red-900";
  return (
    <div
      role="status"
      data-testid="quota-banner"
      data-level={status.level}
      className={`border-b px-4 py-2 text-sm ${tone}`}
    >
      {t(status.level, values)}
    </div>
  );
}
