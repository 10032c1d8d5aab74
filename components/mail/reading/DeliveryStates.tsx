import { getFormatter, getTranslations } from "next-intl/server";
import type { RecipientState } from "@/lib/outbound/status";

/** A Sent copy's outside recipients, each with its delivery state (queued, delivered, deferred, failed). */
export async function DeliveryStates({ delivery }: { delivery: RecipientState[] }) {
  const [t, format] = await Promise.all([getTranslations("mail.reader"), getFormatter()]);
  return (
    <div data-testid="delivery-states" className="pt-2 text-sm">
      <h4 className="font-medium">{t("delivery.title")}</h4>
      <ul className="space-y-0.5">
        {delivery.map((r) => (
          <li key={r.address} data-state={r.state}>
            <span>{r.address}</span> — <strong>{t(`delivery.${r.state}`)}</strong>
            {r.state === "deferred" && (
              <span className="text-slate-600">
                {" "}
                {t("delivery.nextAttempt", {
                  at: format.dateTime(r.nextAttemptAt, { dateStyle: "short", timeStyle: "short" }),
                })}
              </span>
            )}
            {(r.state === "deferred" || r.state === "failed") && r.lastReply && (
              <span className="block break-all text-xs text-slate-600">
                {t("delivery.lastReply", { reply: r.lastReply })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
