import Link from "@/components/ui/Link";
import { getLocale, getTranslations } from "next-intl/server";
import { Notice } from "@/components/admin/Notice";
import { Pager } from "@/components/admin/Pager";
import { getDb } from "@/db/client";
import { listUsers } from "@/lib/admin/users/list-users";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { formatBytes } from "@/lib/format/bytes";
import { param, type SearchParams } from "@/app/_lib/search-params";

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdminPage();
  const query = await searchParams;
  const after = param(query.after);
  const [page, t, locale] = await Promise.all([
    listUsers(getDb(), actor, { after }),
    getTranslations("admin"),
    getLocale(),
  ]);
  const size = (b: number) => formatBytes(b, locale);
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("users.title")}</h1>
        <Link
          href="/admin/users/new"
          className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("users.add")}
        </Link>
      </div>
      <Notice notice={param(query.notice)} address={param(query.address)} />
      <div className="relative overflow-x-auto">
        <table className="w-full rounded border bg-white text-sm" data-testid="user-list">
          <thead>
            <tr className="border-b bg-slate-50 text-left">
              <th scope="col" className="p-2">
                {t("users.address")}
              </th>
              <th scope="col" className="p-2">
                {t("users.displayName")}
              </th>
              <th scope="col" className="p-2">
                {t("users.role")}
              </th>
              <th scope="col" className="p-2">
                {t("users.state")}
              </th>
              <th scope="col" className="p-2">
                {t("users.storage")}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((u) => (
              <tr key={u.id} className="border-b last:border-0" data-address={u.address}>
                <th scope="row" className="p-2 text-left font-medium">
                  <Link href={`/admin/users/${u.id}`} className="text-brand-600 underline">
                    {u.address}
                  </Link>
                </th>
                <td className="p-2">{u.displayName}</td>
                <td className="p-2">{t(`users.roles.${u.role}`)}</td>
                <td className="p-2">{t(`users.states.${u.state}`)}</td>
                <td className="p-2">{t("usedOf", { used: size(u.usedBytes), quota: size(u.quotaBytes) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path="/admin/users" next={page.next} isFirst={!after} />
    </>
  );
}
