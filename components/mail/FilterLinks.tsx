import Link from "@/components/ui/Link";
import { listQueryString, type ListQuery } from "@/lib/mailboxes/url";

const CHIP = "rounded-full border px-2 py-0.5";
const ON = `${CHIP} border-brand-700 bg-brand-600/10 font-semibold text-brand-700`;
const OFF = `${CHIP} border-slate-300 text-slate-700`;

/**
 * One of the list's sets of filters as links — "All" and each value of the list URL's parameter
 * `name` — keeping the list's other parameters (`keep`) and going back to its first page.
 */
export function FilterLinks<V extends string>({
  here,
  name,
  values,
  current,
  keep,
  label,
  heading,
}: {
  here: string;
  name: "show" | "triage" | "sort";
  values: readonly V[];
  current: V | undefined;
  keep: ListQuery;
  label: (value: V | "all") => string;
  heading: string;
}) {
  return (
    <nav aria-label={heading} className="flex flex-wrap gap-1 text-xs">
      {[undefined, ...values].map((v) => (
        <Link
          key={v ?? "all"}
          href={`${here}${listQueryString({ ...keep, [name]: v })}`}
          aria-current={v === current ? "page" : undefined}
          className={v === current ? ON : OFF}
        >
          {label(v ?? "all")}
        </Link>
      ))}
    </nav>
  );
}
