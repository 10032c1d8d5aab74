import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireActor } from "@/app/_lib/current-actor";
import { listOwnSessions } from "@/lib/auth/sessions";
import { serverConfig } from "@/lib/config/server-config";
import { endSessionsAction } from "./actions";

type Props = { searchParams: Promise<{ ended?: string | string[] }> };

/** /mail/sessions — where the mailbox is signed in; end the other sessions. */
export default async function SessionsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const [{ ended }, t, format] = await Promise.all([
    searchParams,
    getTranslations("common.sessionsPage"),
    getFormatter(),
  ]);
  const list = await listOwnSessions(getDb(), actor);
  const others = list.filter((s) => !s.current);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const endedCount = typeof ended === "string" && /^\d+$/.test(ended) ? Number(ended) : null;
  return (
    <main id="main" className="flex-1 overflow-y-auto bg-white">
      <div className="mx-auto max-w-4xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro", { hours: serverConfig().sessionHours })}</p>
        <div aria-live="polite">
          {endedCount !== null && (
            <p role="status" className="rounded bg-green-50 p-2 text-sm text-green-800">
              {t("ended", { count: endedCount })}
            </p>
          )}
        </div>
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b">
                <th className="py-1">{t("browser")}</th>
                <th>{t("client")}</th>
                <th>{t("started")}</th>
                <th>{t("lastSeen")}</th>
                <th>{t("expires")}</th>
                <th>
                  <span className="sr-only">{t("end")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} className="border-b" data-session={s.current ? "current" : "other"}>
                  <td className="max-w-xs truncate py-1" title={s.userAgent ?? undefined}>
                    {s.userAgent || t("unknown")}
                  </td>
                  <td>{s.ip || t("unknown")}</td>
                  <td>{when(s.createdAt)}</td>
                  <td>{when(s.lastSeenAt)}</td>
                  <td>{when(s.expiresAt)}</td>
                  <td>
                    {s.current ? (
                      <strong>{t("current")}</strong>
                    ) : (
                      <form action={endSessionsAction}>
                        <input type="hidden" name="id" value={s.id} />
                        <button className="text-red-700 underline">{t("end")}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {others.length ? (
          <form action={endSessionsAction}>
            <button className="rounded bg-red-700 px-3 py-1.5 text-white">{t("endOthers")}</button>
          </form>
        ) : (
          <p className="text-sm text-slate-600">{t("none")}</p>
        )}
      </div>
    </main>
  );
}
