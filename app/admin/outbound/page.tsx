import Link from "@/components/ui/Link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { domainRecords } from "@/lib/admin/outbound/dns-records";
import { getSendLimit, listOutboundQueue, QUEUE_VIEWS, type QueueView } from "@/lib/admin/outbound/queue";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { outboundConfigFromEnv } from "@/lib/outbound/config";
import { Pager } from "@/components/admin/Pager";
import { dkimAction, queueEntryAction, sendLimitAction } from "./actions";

type Props = {
  searchParams: Promise<{ view?: string; notice?: string; error?: string; after?: string; before?: string }>;
};
const cursor = (v: unknown) => (typeof v === "string" && v.length <= 200 ? v : undefined);
const button = "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100";

/** /admin/outbound — mail to the world: the queue, the hourly limit, DKIM and the DNS records to publish. */
export default async function OutboundPage({ searchParams }: Props) {
  const actor = await requireAdminPage();
  const params = await searchParams;
  const view: QueueView = QUEUE_VIEWS.includes(params.view as QueueView) ? (params.view as QueueView) : "queued";
  const db = getDb();
  const config = outboundConfigFromEnv();
  const [t, format, queue, limit, records] = await Promise.all([
    getTranslations("admin.outbound"),
    getFormatter(),
    listOutboundQueue(db, actor, view, { after: cursor(params.after), before: cursor(params.before) }),
    getSendLimit(db, actor),
    domainRecords(db, actor, {
      mailHost: config.ehloName,
      relayHost: config.relayUrl ? new URL(config.relayUrl).hostname : undefined,
    }),
  ]);
  const entries = queue.rows;
  const known = ["retried", "cancelled", "limitSaved", "dkimGenerated"];
  const errors = ["queueEntryGone", "notFound", "invalid"];
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {params.notice && known.includes(params.notice) && (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm">
          {t(`notices.${params.notice}`)}
        </p>
      )}
      {params.error && (
        <p role="status" className="rounded border border-red-300 bg-red-50 p-2 text-sm" data-testid="outbound-error">
          {t(`errors.${errors.includes(params.error) ? params.error : "invalid"}`)}
        </p>
      )}

      <section aria-labelledby="queue-heading" className="space-y-2">
        <h2 id="queue-heading" className="text-lg font-semibold">
          {t("queue")}
        </h2>
        <nav aria-label={t("queue")} className="flex gap-2 text-sm">
          {QUEUE_VIEWS.map((v) => (
            <Link
              key={v}
              href={`/admin/outbound?view=${v}`}
              aria-current={v === view ? "page" : undefined}
              className={v === view ? "font-semibold underline" : "text-brand-700 underline"}
            >
              {t(`views.${v}`)}
            </Link>
          ))}
        </nav>
        {entries.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="outbound-queue">
              <thead>
                <tr>
                  <th scope="col">{t("columns.to")}</th>
                  <th scope="col">{t("columns.from")}</th>
                  <th scope="col">{t("columns.subject")}</th>
                  <th scope="col">{t("columns.attempts")}</th>
                  <th scope="col">{t("columns.next")}</th>
                  <th scope="col">{t("columns.lastReply")}</th>
                  <th scope="col">
                    <span className="sr-only">{t("columns.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} className="border-t border-slate-200 align-top">
                    <td>{e.to}</td>
                    <td>{e.from}</td>
                    <td>{e.subject}</td>
                    <td>{e.attempts}</td>
                    <td>
                      {e.state === "failed"
                        ? "—"
                        : format.dateTime(e.nextAttemptAt, { dateStyle: "short", timeStyle: "short" })}
                    </td>
                    <td className="max-w-xs break-all text-xs">{e.lastReply ?? ""}</td>
                    <td>
                      {e.state !== "failed" && (
                        <form action={queueEntryAction} className="flex gap-1">
                          <input type="hidden" name="id" value={e.id} />
                          <input type="hidden" name="view" value={view} />
                          <button type="submit" name="action" value="retry" className={button}>
                            {t("retry")}
                          </button>
                          <button type="submit" name="action" value="cancel" className={button}>
                            {t("cancel")}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          path="/admin/outbound"
          params={{ view }}
          next={queue.next}
          previous={queue.previous}
          isFirst={!queue.previous}
        />
      </section>

      <section aria-labelledby="limit-heading" className="space-y-2">
        <h2 id="limit-heading" className="text-lg font-semibold">
          {t("limit.title")}
        </h2>
        <form action={sendLimitAction} className="flex items-end gap-2 text-sm">
          <label className="flex flex-col">
            {t("limit.label")}
            <input
              type="number"
              name="limit"
              min={0}
              max={100000}
              defaultValue={limit}
              required
              className="w-32 rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <button type="submit" className={button}>
            {t("limit.save")}
          </button>
        </form>
      </section>

      <section aria-labelledby="dns-heading" className="space-y-4">
        <h2 id="dns-heading" className="text-lg font-semibold">
          {t("dns.title")}
        </h2>
        <p className="text-sm text-slate-700">{t("dns.intro")}</p>
        {records.map((d) => (
          <div key={d.domain} className="space-y-2" data-testid={`dns-${d.domain}`}>
            <h3 className="font-semibold">{d.domain}</h3>
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr>
                    <th scope="col">{t("dns.type")}</th>
                    <th scope="col">{t("dns.name")}</th>
                    <th scope="col">{t("dns.value")}</th>
                    <th scope="col">{t("dns.check")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.records.map((r) => (
                    <tr key={`${r.type}-${r.name}`} className="border-t border-slate-200 align-top">
                      <td>{r.type}</td>
                      <td className="break-all">{r.name}</td>
                      <td className="max-w-md break-all font-mono text-xs">{r.value || t("dns.noKey")}</td>
                      <td data-check={r.check}>
                        {r.kind === "spf" && r.check === "ok"
                          ? t("dns.checks.spfOk")
                          : r.check === "notAuthorised"
                            ? t("dns.checks.notAuthorised", { fix: r.fix ?? "" })
                            : t(`dns.checks.${r.check}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <form action={dkimAction}>
              <input type="hidden" name="domain" value={d.domain} />
              <button type="submit" className={button}>
                {d.hasDkimKey ? t("dns.rotate") : t("dns.generate")}
              </button>
            </form>
          </div>
        ))}
      </section>
    </>
  );
}
