import Link from "@/components/ui/Link";
import { getLocale, getTranslations } from "next-intl/server";
import { Notice } from "@/components/admin/Notice";
import { Pager } from "@/components/admin/Pager";
import { PoolMeter } from "@/components/admin/pool/PoolMeter";
import { getDb } from "@/db/client";
import { getPool } from "@/lib/admin/pool/get-pool";
import { listSharedMailboxes } from "@/lib/admin/shared/list-shared-mailboxes";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { formatBytes } from "@/lib/format/bytes";
import { param, type SearchParams } from "@/app/_lib/search-params";

/** The shared mailboxes, with the pool meter (issue 3 §1). */
export default async function SharedMailboxesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdminPage();
  const query = await searchParams;
  const after = param(query.after);
  const db = getDb();
  const [pool, page, t, locale] = await Promise.all([
    getPool(db, actor),
    listSharedMailboxes(db, actor, { after }),
    getTranslations("admin"),
    getLocale(),
  ]);
  const size = (b: number) => formatBytes(b, locale);
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("sharedMailboxes")}</h1>
        <Link
          href="/admin/shared/new"
          className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("shared.add")}
        </Link>
      </div>
      <Notice notice={param(query.notice)} address={param(query.address)} />
      <PoolMeter {...pool} />
      {page.rows.length === 0 ? (
        <p className="text-slate-600">{t("shared.empty")}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full rounded border bg-white text-sm" data-testid="shared-list">
            <thead>
              <tr className="border-b bg-slate-50 text-left">
                <th scope="col" className="p-2">
                  {t("shared.address")}
                </th>
                <th scope="col" className="p-2">
                  {t("shared.displayName")}
                </th>
                <th scope="col" className="p-2">
                  {t("shared.storage")}
                </th>
                <th scope="col" className="p-2">
                  {t("shared.hidden")}
                </th>
                <th scope="col" className="p-2">
                  {t("shared.delegates")}
                </th>
                <th scope="col" className="p-2">
                  <span className="sr-only">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((m) => (
                <tr key={m.id} className="border-b last:border-0" data-address={m.address}>
                  <th scope="row" className="p-2 text-left font-medium">
                    <Link href={`/admin/shared/${m.id}`} className="text-brand-600 underline">
                      {m.address}
                    </Link>
                  </th>
                  <td className="p-2">{m.displayName}</td>
                  <td className="p-2">{t("usedOf", { used: size(m.usedBytes), quota: size(m.quotaBytes) })}</td>
                  <td className="p-2">{m.hiddenFromDirectory ? t("shared.hiddenYes") : t("shared.hiddenNo")}</td>
                  <td className="p-2">{m.delegateCount}</td>
                  <td className="p-2 text-right">
                    <Link href={`/admin/mailboxes/${m.id}/delegations`} className="text-brand-600 underline">
                      {t("configureDelegations")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/admin" next={page.next} isFirst={!after} />
    </>
  );
}
