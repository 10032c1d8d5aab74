import Link from "next/link";
import { TRIAGE_FILTERS, type TriageFilter } from "@/lib/conversations/triage-filters";
import { listQueryString } from "@/lib/mailboxes/url";

const CHIP = "rounded-full border px-2 py-0.5";
const ON = `${CHIP} border-brand-700 bg-brand-600/10 font-semibold text-brand-700`;
const OFF = `${CHIP} border-slate-300 text-slate-700`;

/** A shared mailbox's list filters — All, Mine, Unassigned, Open, Done — as links (the list's first page). */
export function TriageFilters({
  here,
  filter,
  label,
}: {
  here: string;
  filter: TriageFilter | undefined;
  label: (key: TriageFilter | "all" | "filters") => string;
}) {
  return (
    <nav aria-label={label("filters")} className="flex flex-wrap gap-1 text-xs">
      {[undefined, ...TRIAGE_FILTERS].map((f) => (
        <Link
          key={f ?? "all"}
          href={`${here}${listQueryString({ triage: f })}`}
          aria-current={f === filter ? "page" : undefined}
          className={f === filter ? ON : OFF}
        >
          {label(f ?? "all")}
        </Link>
      ))}
    </nav>
  );
}
