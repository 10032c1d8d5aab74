import { getTranslations } from "next-intl/server";
import { statusClass, type DeliveryStatus } from "@/lib/mime/delivery-status";

/**
 * A delivery report's status part (RFC 3464) as a readable block under the headers: per recipient,
 * what happened in words, the status code with its meaning, the far end's own answer and server.
 */
export async function DeliveryStatusBlock({ status }: { status: DeliveryStatus | null }) {
  if (!status) return null;
  const t = await getTranslations("mail.reader.dsn");
  const action = (a: string) => (t.has(`actions.${a}`) ? t(`actions.${a}`) : a);
  return (
    <section
      aria-labelledby="delivery-status-heading"
      data-testid="delivery-status"
      className="mx-4 my-2 rounded border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      <h4 id="delivery-status-heading" className="mb-2 font-medium">
        {t("heading")}
      </h4>
      <ul className="space-y-2">
        {status.recipients.map((r, i) => (
          <li key={`${r.recipient}-${i}`}>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
              <dt className="text-slate-600">{t("recipient")}</dt>
              <dd className="break-all">{r.recipient}</dd>
              <dt className="text-slate-600">{t("result")}</dt>
              <dd>{action(r.action)}</dd>
              <dt className="text-slate-600">{t("status")}</dt>
              <dd>
                {r.status} — {t(`class.${statusClass(r.status)}`)}
              </dd>
              {r.diagnostic && (
                <>
                  <dt className="text-slate-600">{t("diagnostic")}</dt>
                  <dd className="break-words">{r.diagnostic}</dd>
                </>
              )}
              {r.remoteMta && (
                <>
                  <dt className="text-slate-600">{t("remoteMta")}</dt>
                  <dd className="break-all">{r.remoteMta}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ul>
      {status.reportingMta && (
        <p className="mt-2 text-xs text-slate-600">{t("reportedBy", { mta: status.reportingMta })}</p>
      )}
    </section>
  );
}
