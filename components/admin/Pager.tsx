import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";

/** Keyset paging links: back to the first page, to the previous one (when given), and on to the next one. */
export async function Pager({
  path,
  params,
  next,
  previous,
  isFirst,
}: {
  path: string;
  params?: Record<string, string>;
  next: string | null;
  /** The previous page's cursor (`before`), for lists that page both ways. */
  previous?: string | null;
  isFirst: boolean;
}) {
  if (!next && isFirst) return null;
  const t = await getTranslations("admin");
  const base = new URLSearchParams(Object.entries(params ?? {}).filter(([, v]) => v));
  const href = (after?: string, before?: string) => {
    const q = new URLSearchParams(base);
    if (after) q.set("after", after);
    if (before) q.set("before", before);
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  return (
    <nav aria-label={t("paging")} className="mt-4 flex gap-4 text-sm">
      {!isFirst && (
        <Link href={href()} className="text-brand-600 underline">
          {t("firstPage")}
        </Link>
      )}
      {previous && (
        <Link href={href(undefined, previous)} className="text-brand-600 underline" rel="prev">
          {t("previousPage")}
        </Link>
      )}
      {next && (
        <Link href={href(next)} className="text-brand-600 underline" rel="next">
          {t("nextPage")}
        </Link>
      )}
    </nav>
  );
}
