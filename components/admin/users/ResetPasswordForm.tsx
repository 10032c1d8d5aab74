"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { Field, inputClass } from "../form/Field";
import { FormMessage } from "../form/FormMessage";
import { SubmitButton } from "../form/SubmitButton";

type Props = { action: (state: ActionState, formData: FormData) => Promise<ActionState>; id: string };

/** Sets a new password on a user mailbox (typed twice; never sent back to the page). */
export function ResetPasswordForm({ action, id }: Props) {
  const t = useTranslations("admin.userForm");
  const [state, formAction] = useActionState(action, null);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="max-w-md space-y-4" data-testid="reset-password">
      <input type="hidden" name="id" value={id} />
      <FormMessage state={state} />
      <Field
        idPrefix="reset"
        name="password"
        label={t("newPassword")}
        hint={t("passwordHint")}
        errors={errors.password}
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field idPrefix="reset" name="passwordConfirm" label={t("passwordConfirm")} errors={errors.passwordConfirm}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <SubmitButton pendingLabel={t("saving")}>{t("resetPassword")}</SubmitButton>
    </form>
  );
}
