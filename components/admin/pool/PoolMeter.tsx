import { getLocale, getTranslations } from "next-intl/server";
import { formatBytes } from "@/lib/format/bytes";

type Props = { totalBytes: number; allocatedBytes: number; freeBytes: number };

/** "6.5 GB of 10 GB allocated, 3.5 GB free", with a meter. */
export async function PoolMeter({ totalBytes, allocatedBytes, freeBytes }: Props) {
  const [t, locale] = await Promise.all([getTranslations("admin.pool"), getLocale()]);
  const size = (b: number) => formatBytes(b, locale);
  const percent = totalBytes > 0 ? Math.min(100, Math.round((allocatedBytes / totalBytes) * 100)) : 100;
  const text = t("meter", { allocated: size(allocatedBytes), total: size(totalBytes), free: size(freeBytes) });
  return (
    <div className="max-w-md rounded border bg-white p-4" data-testid="pool-meter">
      <div id="pool-meter-label" className="text-sm font-medium">
        {t("title")}
      </div>
      <meter
        className="mt-2 h-3 w-full"
        min={0}
        max={100}
        low={80}
        high={95}
        optimum={0}
        value={percent}
        aria-labelledby="pool-meter-label"
        aria-describedby="pool-meter-text"
      />
      <p id="pool-meter-text" className="mt-1 text-sm" data-testid="pool-meter-text">
        {text}
      </p>
    </div>
  );
}
