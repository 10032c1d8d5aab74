"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { FormMessage } from "../form/FormMessage";
import { SubmitButton } from "../form/SubmitButton";

/**
 * The admin empties a shared mailbox's Deleted Items for good (what its delegates may not do under
 * delete protection), after ticking a confirmation. A plain form.
 */
export function EmptyDeletedItemsForm({ id, count, action }: { id: string; count: number; action: FormAction }) {
  const t = useTranslations("admin.shared.purge");
  const tAdmin = useTranslations("admin");
  const [state, formAction] = useActionState(action, null);
  const confirmError = state?.fieldErrors?.confirm;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-700">{t("intro", { messages: count })}</p>
      {count > 0 && (
        <>
          <div className="flex items-start gap-2">
            <input
              id="purge-confirm"
              name="confirm"
              type="checkbox"
              className="mt-1 h-4 w-4"
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={confirmError ? "purge-confirm-error" : undefined}
            />
            <label htmlFor="purge-confirm" className="text-sm">
              {t("confirm")}
            </label>
          </div>
          {confirmError && (
            <p id="purge-confirm-error" className="text-sm text-red-700">
              {tAdmin("errors.confirmRequired")}
            </p>
          )}
          <SubmitButton pendingLabel={t("submit")} variant="danger">
            {t("submit")}
          </SubmitButton>
        </>
      )}
      <FormMessage state={state} values={state?.values} />
    </form>
  );
}
