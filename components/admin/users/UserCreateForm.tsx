"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { Checkbox, Field, inputClass } from "../form/Field";
import { echoed, FormMessage } from "../form/FormMessage";
import { SubmitButton } from "../form/SubmitButton";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  domains: string[];
};

/** Create a user mailbox: address, display name, initial password (twice), quota, admin role. */
export function UserCreateForm({ action, domains }: Props) {
  const t = useTranslations("admin.userForm");
  const [state, formAction] = useActionState(action, null);
  const errors = state?.fieldErrors ?? {};
  const input = echoed(state);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);
  const text = (name: string) => (typeof input[name] === "string" ? (input[name] as string) : undefined);
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-xl space-y-5" data-testid="user-create">
      <FormMessage state={state} />
      <div className="flex items-start gap-2">
        <div className="flex-1">
          <Field name="localPart" label={t("localPart")} errors={errors.localPart} values={state?.values}>
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
      <Field name="displayName" label={t("displayName")} errors={errors.displayName}>
        {(p) => <input {...p} defaultValue={text("displayName")} className={inputClass} />}
      </Field>
      <Field name="password" label={t("password")} hint={t("passwordHint")} errors={errors.password}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field name="passwordConfirm" label={t("passwordConfirm")} errors={errors.passwordConfirm}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field name="quota" label={t("quota")} hint={t("quotaHint")} errors={errors.quota}>
        {(p) => (
          <input {...p} inputMode="decimal" defaultValue={text("quota") ?? "2"} className={`${inputClass} max-w-40`} />
        )}
      </Field>
      <Checkbox name="admin" label={t("admin")} hint={t("adminHint")} defaultChecked={input.admin === "on"} />
      <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
    </form>
  );
}
