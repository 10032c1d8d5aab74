"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { Field, inputClass } from "../form/Field";
import { echoed, FormMessage } from "../form/FormMessage";
import { gbText } from "../form/gb";
import { SubmitButton } from "../form/SubmitButton";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  rule: "fixed" | "per_user";
  poolBytes: number;
};

/** The shared pool's rule: a fixed size, or a size per user mailbox. */
export function PoolRuleForm({ action, rule, poolBytes }: Props) {
  const t = useTranslations("admin.pool");
  const [state, formAction] = useActionState(action, null);
  const errors = state?.fieldErrors ?? {};
  const input = echoed(state);
  const failed = state && !state.ok;
  const chosen = failed && typeof input.rule === "string" ? input.rule : rule;
  const size = failed && typeof input.size === "string" ? input.size : gbText(poolBytes);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} noValidate className="max-w-xl space-y-5" data-testid="pool-rule">
      <FormMessage state={state} />
      <fieldset>
        <legend className="text-sm font-medium">{t("rule")}</legend>
        {(["fixed", "per_user"] as const).map((value) => (
          <div key={value} className="mt-2 flex items-start gap-2">
            <input
              id={`rule-${value}`}
              type="radio"
              name="rule"
              value={value}
              defaultChecked={chosen === value}
              className="mt-1"
            />
            <label htmlFor={`rule-${value}`} className="text-sm">
              {t(`rules.${value}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <Field name="size" label={t("size")} hint={t("sizeHint")} errors={errors.size} values={state?.values}>
        {(p) => <input {...p} inputMode="decimal" defaultValue={size} className={`${inputClass} max-w-40`} />}
      </Field>
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
