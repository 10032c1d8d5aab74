"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { useAutomationMessage } from "./use-automation-message";

/** A shared mailbox's read state: one for everyone, or each delegate's own. A plain form. */
export function ReadStateForm({
  mailbox,
  perPerson,
  action,
}: {
  mailbox: string;
  perPerson: boolean;
  action: FormAction;
}) {
  const t = useTranslations("automation.readState");
  const message = useAutomationMessage();
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-busy={pending} className="space-y-2">
      <input type="hidden" name="mailbox" value={mailbox} />
      <fieldset className="space-y-1">
        <legend className="sr-only">{t("heading")}</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="perPerson" value="0" defaultChecked={!perPerson} className="mt-1" />
          <span>
            <span className="font-medium">{t("shared")}</span> — {t("sharedHint")}
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="perPerson" value="1" defaultChecked={perPerson} className="mt-1" />
          <span>
            <span className="font-medium">{t("perPerson")}</span> — {t("perPersonHint")}
          </span>
        </label>
      </fieldset>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
      >
        {t("save")}
      </button>
      <div aria-live="polite" role="status">
        {state?.ok && <p className="rounded bg-green-50 p-2 text-sm text-green-800">{t("saved")}</p>}
        {state && !state.ok && (
          <p className="rounded bg-red-50 p-2 text-sm text-red-800">{message(state.message ?? "unexpected")}</p>
        )}
      </div>
    </form>
  );
}
