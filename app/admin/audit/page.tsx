import { getFormatter, getTranslations } from "next-intl/server";
import { AuditDetails } from "@/components/admin/audit/AuditDetails";
import { auditActionText } from "@/components/audit/describe-audit";
import { Pager } from "@/components/admin/Pager";
import { getDb } from "@/db/client";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { listAuditEvents } from "@/lib/admin/audit/list-audit-events";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { param, type SearchParams } from "@/app/_lib/search-params";

const input = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

/** The organisation's audit trail, newest first, filtered by mailbox, actor and action (R13). */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdminPage();
  const query = await searchParams;
  const filter = {
    mailbox: param(query.mailbox) ?? "",
    actor: param(query.actor) ?? "",
    action: param(query.action) ?? "",
  };
  const after = param(query.after);
  const [page, t, words, format] = await Promise.all([
    listAuditEvents(getDb(), actor, { ...filter, after }),
    getTranslations("admin.audit"),
    getTranslations("common.audit"),
    getFormatter(),
  ]);
  const actionLabel = (a: string) => auditActionText(words, a);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <form
        method="get"
        action="/admin/audit"
        role="search"
        aria-label={t("filters")}
        className="flex flex-wrap items-end gap-4"
      >
        <div>
          <label htmlFor="audit-mailbox" className="block text-sm font-medium">
            {t("mailbox")}
          </label>
          <input id="audit-mailbox" name="mailbox" type="search" defaultValue={filter.mailbox} className={input} />
        </div>
        <div>
          <label htmlFor="audit-actor" className="block text-sm font-medium">
            {t("actor")}
          </label>
          <input id="audit-actor" name="actor" type="search" defaultValue={filter.actor} className={input} />
        </div>
        <div>
          <label htmlFor="audit-action" className="block text-sm font-medium">
            {t("action")}
          </label>
          <input id="audit-action" name="action" list="audit-actions" defaultValue={filter.action} className={input} />
          <datalist id="audit-actions">
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </datalist>
        </div>
        <button
          type="submit"
          className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("apply")}
        </button>
      </form>
      {page.rows.length === 0 ? (
        <p className="text-slate-600">{t("empty")}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full rounded border bg-white text-sm" data-testid="audit-list">
            <thead>
              <tr className="border-b bg-slate-50 text-left">
                <th scope="col" className="p-2">
                  {t("when")}
                </th>
                <th scope="col" className="p-2">
                  {t("actor")}
                </th>
                <th scope="col" className="p-2">
                  {t("action")}
                </th>
                <th scope="col" className="p-2">
                  {t("mailbox")}
                </th>
                <th scope="col" className="p-2">
                  {t("details")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((e) => (
                <tr key={e.id} className="border-b align-top last:border-0" data-action={e.action}>
                  <td className="whitespace-nowrap p-2">
                    <time dateTime={e.at.toISOString()}>
                      {format.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}
                    </time>
                  </td>
                  <td className="p-2">{e.actorAddress}</td>
                  <td className="p-2">{actionLabel(e.action)}</td>
                  <td className="p-2">{e.mailboxAddress ?? "—"}</td>
                  <td className="p-2">
                    <AuditDetails action={e.action} details={e.details} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/admin/audit" params={filter} next={page.next} isFirst={!after} />
    </>
  );
}
