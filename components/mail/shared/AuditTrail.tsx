import Link from "@/components/ui/Link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { auditActionText, auditDetailLines } from "@/components/audit/describe-audit";
import type { TrailEvent } from "@/lib/audit/mailbox-trail";

type Props = { address: string; events: TrailEvent[]; next: string | null; first: boolean };

/** A mailbox's audit events in a table, newest first, with keyset paging links. */
export async function AuditTrail({ address, events, next, first }: Props) {
  const [t, words, format, locale] = await Promise.all([
    getTranslations("shared.audit"),
    getTranslations("common.audit"),
    getFormatter(),
    getLocale(),
  ]);
  const rightName = (value: string) => (t.has(`values.${value}`) ? t(`values.${value}`) : undefined);
  const describe = (action: string, details: Record<string, unknown>) =>
    auditDetailLines(action, details, {
      t: words,
      locale,
      dateTime: (d) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }),
      extraLabel: rightName,
      extraValue: (_key, value) => rightName(value),
    })
      .map((line) => `${line.label}: ${line.value}`)
      .join(" · ");
  const base = `/mail/${encodeURIComponent(address)}/audit`;
  if (events.length === 0) {
    return <p className="mt-6 text-slate-600">{t("empty")}</p>;
  }
  return (
    <>
      <div className="relative overflow-x-auto mt-6">
        <table className="w-full text-left text-sm">
          <thead className="border-b text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4">
                {t("when")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("who")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("action")}
              </th>
              <th scope="col" className="py-2">
                {t("details")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {events.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td className="py-2 pr-4 whitespace-nowrap">
                  <time dateTime={e.at.toISOString()}>
                    {format.dateTime(e.at, { dateStyle: "medium", timeStyle: "medium" })}
                  </time>
                </td>
                <td className="py-2 pr-4">{e.actorAddress}</td>
                <td className="py-2 pr-4">{auditActionText(words, e.action)}</td>
                <td className="py-2 break-words text-slate-600">{describe(e.action, e.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="mt-3 flex gap-4 text-sm" aria-label={t("older")}>
        {!first && (
          <Link className="text-brand-700 underline" href={base}>
            {t("newest")}
          </Link>
        )}
        {next && (
          <Link className="text-brand-700 underline" href={`${base}?after=${next}`}>
            {t("older")}
          </Link>
        )}
      </nav>
    </>
  );
}
