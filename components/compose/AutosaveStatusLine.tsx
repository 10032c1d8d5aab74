"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { AutosaveStatus } from "./use-autosave";

/** "Saving…", "Draft saved at 10:42" or "Not saved": what autosave did last, read out politely. */
export function AutosaveStatusLine({ status }: { status: AutosaveStatus }) {
  const t = useTranslations("compose.autosave");
  const format = useFormatter();
  const text =
    status.kind === "saving"
      ? t("saving")
      : status.kind === "saved"
        ? t("saved", { time: format.dateTime(status.at, { hour: "numeric", minute: "2-digit" }) })
        : status.kind === "failed"
          ? t("failed")
          : "";
  return (
    <p role="status" data-testid="autosave-status" className="min-h-5 text-xs text-slate-600">
      {text}
    </p>
  );
}
