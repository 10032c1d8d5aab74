"use client";

import { useActionState, useEffect, useRef } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { formatBytes } from "@/lib/format/bytes";
import { Checkbox, Field, inputClass } from "../form/Field";
import { echoed, FormMessage } from "../form/FormMessage";
import { gbText } from "../form/gb";
import { SubmitButton } from "../form/SubmitButton";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  mailbox: {
    id: string;
    displayName: string;
    quotaBytes: number;
    usedBytes: number;
    hiddenFromDirectory: boolean;
    saveSentCopy: boolean;
    deleteProtection: boolean;
    readPerPerson: boolean;
  };
  /** The most this mailbox's quota can grow to: the free pool plus its own share. */
  maxQuotaBytes: number;
};

/** Edit a shared mailbox: display name, quota, address-book flag, Sent Items copy (R1, R6), delete protection. */
export function SharedMailboxEditForm({ action, mailbox, maxQuotaBytes }: Props) {
  const t = useTranslations("admin.sharedForm");
  const locale = useLocale();
  const [state, formAction] = useActionState(action, null);
  const errors = state?.fieldErrors ?? {};
  const input = echoed(state);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);
  const failed = state && !state.ok;
  const value = (name: string, fallback: string) =>
    failed && typeof input[name] === "string" ? (input[name] as string) : fallback;
  const checked = (name: string, fallback: boolean) => (failed ? input[name] === "on" : fallback);
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-xl space-y-5" data-testid="shared-edit">
      <input type="hidden" name="id" value={mailbox.id} />
      <FormMessage state={state} />
      <Field name="displayName" label={t("displayName")} hint={t("displayNameHint")} errors={errors.displayName}>
        {(p) => <input {...p} defaultValue={value("displayName", mailbox.displayName)} className={inputClass} />}
      </Field>
      <Field
        name="quota"
        label={t("quota")}
        hint={t("quotaEditHint", {
          used: formatBytes(mailbox.usedBytes, locale),
          max: formatBytes(maxQuotaBytes, locale),
        })}
        errors={errors.quota}
        values={state?.values}
      >
        {(p) => (
          <input
            {...p}
            inputMode="decimal"
            defaultValue={value("quota", gbText(mailbox.quotaBytes))}
            className={`${inputClass} max-w-40`}
          />
        )}
      </Field>
      <Checkbox
        name="hidden"
        label={t("hidden")}
        hint={t("hiddenHint")}
        defaultChecked={checked("hidden", mailbox.hiddenFromDirectory)}
      />
      <Checkbox
        name="saveSentCopy"
        label={t("saveSentCopy")}
        hint={t("saveSentCopyHint")}
        defaultChecked={checked("saveSentCopy", mailbox.saveSentCopy)}
      />
      <Checkbox
        name="deleteProtection"
        label={t("deleteProtection")}
        hint={t("deleteProtectionHint")}
        defaultChecked={checked("deleteProtection", mailbox.deleteProtection)}
      />
      <Checkbox
        name="readPerPerson"
        label={t("readPerPerson")}
        hint={t("readPerPersonHint")}
        defaultChecked={checked("readPerPerson", mailbox.readPerPerson)}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
