"use client";

import { useActionState, useEffect, useRef } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import type { SharedMailboxSummary as Summary } from "@/lib/admin/shared/review-shared-mailbox";
import { formatBytes } from "@/lib/format/bytes";
import { Checkbox, Field, inputClass } from "../form/Field";
import { echoed, FormMessage } from "../form/FormMessage";
import { SubmitButton } from "../form/SubmitButton";
import { SharedMailboxSummary } from "./SharedMailboxSummary";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  domains: string[];
  pool: { totalBytes: number; freeBytes: number };
};

/**
 * The guide's "Add a shared mailbox": the form → Next → a summary → Confirm. Each step is a
 * plain form posting to the same server action, so it works before JavaScript loads; the
 * server checks everything at Next and again at Confirm.
 */
export function SharedMailboxWizard({ action, domains, pool }: Props) {
  const t = useTranslations("admin.sharedForm");
  const locale = useLocale();
  const [state, formAction] = useActionState(action, null);
  const data = state?.data as { step?: string; summary?: Summary } | undefined;
  const input = echoed(state);
  const errors = state?.fieldErrors ?? {};
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  if (state?.ok && data?.step === "summary" && data.summary) {
    return <SharedMailboxSummary action={formAction} summary={data.summary} input={input} />;
  }
  const text = (name: string) => (typeof input[name] === "string" ? (input[name] as string) : undefined);
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-xl space-y-5" data-testid="shared-form">
      <p className="text-sm text-slate-600">{t("step1")}</p>
      <FormMessage state={state?.ok ? null : state} />
      <div className="flex items-start gap-2">
        <div className="flex-1">
          <Field
            name="localPart"
            label={t("localPart")}
            hint={t("localPartHint")}
            errors={errors.localPart}
            values={state?.values}
          >
            {(p) => (
              <input
                {...p}
                defaultValue={text("localPart")}
                autoComplete="off"
                spellCheck={false}
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <span aria-hidden className="mt-8 text-lg">
          @
        </span>
        <div className="flex-1">
          <Field name="domain" label={t("domain")} errors={errors.domain}>
            {(p) => (
              <select {...p} defaultValue={text("domain") ?? domains[0]} className={inputClass}>
                {domains.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </div>
      <Field
        name="quota"
        label={t("quota")}
        hint={t("quotaHint", {
          free: formatBytes(pool.freeBytes, locale),
          total: formatBytes(pool.totalBytes, locale),
        })}
        errors={errors.quota}
        values={state?.values}
      >
        {(p) => <input {...p} inputMode="decimal" defaultValue={text("quota")} className={`${inputClass} max-w-40`} />}
      </Field>
      <Field name="displayName" label={t("displayName")} hint={t("displayNameHint")} errors={errors.displayName}>
        {(p) => <input {...p} defaultValue={text("displayName")} className={inputClass} />}
      </Field>
      <Checkbox name="hidden" label={t("hidden")} hint={t("hiddenHint")} defaultChecked={input.hidden === "on"} />
      <div className="flex gap-3">
        <SubmitButton name="intent" value="next" pendingLabel={t("checking")}>
          {t("next")}
        </SubmitButton>
      </div>
    </form>
  );
}
