import Link from "@/components/ui/Link";
import { getLocale, getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/admin/users/ResetPasswordForm";
import { UserStateForm } from "@/components/admin/users/UserStateForm";
import { AliasesSection } from "@/components/admin/aliases/AliasesSection";
import { getDb } from "@/db/client";
import { getAdminMailbox } from "@/lib/admin/mailboxes/get-mailbox";
import { listOrgDomains } from "@/lib/admin/mailboxes/org-domains";
import { listAliases } from "@/lib/aliases/manage-aliases";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { formatBytes } from "@/lib/format/bytes";
import { orNotFound } from "@/app/_lib/or-not-found";
import { addAliasAction, removeAliasAction } from "../../aliases/actions";
import { endUserSessionsAction, resetPasswordAction, setUserStateAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ sessionsEnded?: string | string[] }> };

export default async function UserPage({ params, searchParams }: Props) {
  const actor = await requireAdminPage();
  const [{ id }, { sessionsEnded }] = await Promise.all([params, searchParams]);
  const endedCount = typeof sessionsEnded === "string" && /^\d+$/.test(sessionsEnded) ? Number(sessionsEnded) : null;
  const db = getDb();
  const user = await orNotFound(getAdminMailbox(db, actor, id, "standard"));
  const [t, locale, aliases, domains] = await Promise.all([
    getTranslations("admin"),
    getLocale(),
    listAliases(db, actor, user.id),
    listOrgDomains(db, actor),
  ]);
  const self = user.id === actor.id;
  return (
    <>
      <Link href="/admin/users" className="text-sm text-brand-600 underline">
        {t("backToUsers")}
      </Link>
      <h1 className="text-2xl font-semibold">{user.address}</h1>
      <p className="text-sm text-slate-700">
        {user.displayName} · {t(`users.roles.${user.role}`)} · {t(`users.states.${user.state}`)} ·{" "}
        {t("usedOf", { used: formatBytes(user.usedBytes, locale), quota: formatBytes(user.quotaBytes, locale) })}
      </p>
      <ul className="flex flex-wrap gap-4 text-sm">
        <li>
          <Link href={`/admin/mailboxes/${user.id}/delegations`} className="text-brand-600 underline">
            {t("configureDelegations")}
          </Link>
        </li>
        <li>
          <Link href={`/admin/audit?mailbox=${encodeURIComponent(user.address)}`} className="text-brand-600 underline">
            {t("viewAudit")}
          </Link>
        </li>
      </ul>
      <AliasesSection
        mailboxId={user.id}
        aliases={aliases}
        domains={domains}
        addAction={addAliasAction}
        removeAction={removeAliasAction}
      />
      <section aria-labelledby="reset-heading" className="space-y-3">
        <h2 id="reset-heading" className="text-lg font-semibold">
          {t("users.resetPassword")}
        </h2>
        <ResetPasswordForm action={resetPasswordAction} id={user.id} />
      </section>
      {!self && (
        <section aria-labelledby="state-heading" className="space-y-3">
          <h2 id="state-heading" className="text-lg font-semibold">
            {user.state === "active" ? t("users.suspend") : t("users.reactivate")}
          </h2>
          <UserStateForm action={setUserStateAction} id={user.id} state={user.state} />
        </section>
      )}
      <section aria-labelledby="sessions-heading" className="space-y-2">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          {t("users.endSessions")}
        </h2>
        <p className="text-sm text-slate-600">{t("users.endSessionsHint")}</p>
        <div aria-live="polite">
          {endedCount !== null && (
            <p role="status" className="rounded bg-green-50 p-2 text-sm text-green-800">
              {t("users.sessionsEnded", { count: endedCount })}
            </p>
          )}
        </div>
        <form action={endUserSessionsAction}>
          <input type="hidden" name="id" value={user.id} />
          <button className="rounded bg-red-700 px-3 py-1.5 text-sm text-white">{t("users.endSessions")}</button>
        </form>
      </section>
      {!self && (
        <section aria-labelledby="delete-heading" className="space-y-2 rounded border border-red-200 bg-white p-4">
          <h2 id="delete-heading" className="text-lg font-semibold">
            {t("users.delete")}
          </h2>
          <Link href={`/admin/users/${user.id}/delete`} className="inline-block text-sm text-red-700 underline">
            {t("users.deleteLink")}
          </Link>
        </section>
      )}
      {self && <p className="text-sm text-slate-600">{t("users.selfNote")}</p>}
    </>
  );
}
