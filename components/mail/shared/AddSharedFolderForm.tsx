"use client";

import Link from "@/components/ui/Link";
import { useActionState, useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import type { ActionState } from "@/lib/forms/action-state";
import { useStateMessage } from "./use-state-message";

export type Suggestion = { address: string; displayName: string };

type Props = {
  suggestions: Suggestion[];
  defaultValue?: string;
  autoFocus?: boolean;
  /** In the dialog: called once per success, so the dialog can close and announce it. */
  onAdded?: (state: NonNullable<ActionState>) => void;
  /** In the dialog: a Cancel button. */
  onCancel?: () => void;
  action: FormAction;
};

/**
 * The Add shared folder form (R7): a name or address with address-book suggestions (a native
 * datalist, so it also works before JavaScript loads), errors tied to the field, a pending state
 * and a confirmation. Used in the dialog and on /mail/shared/add.
 */
export function AddSharedFolderForm({ suggestions, defaultValue, autoFocus, onAdded, onCancel, action }: Props) {
  const t = useTranslations("shared");
  const common = useTranslations("common");
  const message = useStateMessage();
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const inputId = `${id}-mailbox`;
  const errors = state?.fieldErrors?.mailbox;
  const added = state?.ok ? (state.data as { address: string } | undefined) : undefined;

  const onAddedRef = useRef(onAdded);
  onAddedRef.current = onAdded;
  useEffect(() => {
    if (state?.ok) onAddedRef.current?.(state);
  }, [state]);

  return (
    <form action={formAction} noValidate className="space-y-3">
      <div aria-live="polite" role="status">
        {state && !state.ok && !errors && (
          <p className="rounded bg-red-50 p-2 text-sm text-red-800">{message(state.message ?? "unexpected")}</p>
        )}
        {added && !onAdded && (
          <p className="rounded bg-green-50 p-2 text-sm text-green-800">
            {message("added", state?.values)}{" "}
            <Link className="underline" href={`/mail/${encodeURIComponent(added.address)}/inbox`}>
              {t("openAdded", { name: String(state?.values?.name ?? added.address) })}
            </Link>
          </p>
        )}
      </div>
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium">
          {t("mailboxLabel")}
        </label>
        <input
          id={inputId}
          name="mailbox"
          type="text"
          list={`${id}-suggestions`}
          autoComplete="off"
          required
          autoFocus={autoFocus}
          defaultValue={state && !state.ok ? String(state.values?.mailbox ?? defaultValue ?? "") : defaultValue}
          key={state?.ok ? "done" : "typing"}
          aria-invalid={Boolean(errors)}
          aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ""}`}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((s) => (
            <option key={s.address} value={s.address} label={s.displayName}>
              {s.displayName}
            </option>
          ))}
        </datalist>
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {t("mailboxHint")}
        </p>
        {errors && (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {errors.map((e) => message(e)).join(" ")}
          </p>
        )}
      </div>
      <div className="flex justify-end gap-2">
        {onCancel && (
          <button type="button" onClick={onCancel} className="rounded border border-slate-300 px-3 py-1.5 text-sm">
            {common("cancel")}
          </button>
        )}
        <button
          type="submit"
          disabled={pending}
          aria-disabled={pending}
          className={
            "rounded bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 " +
            "disabled:opacity-60"
          }
        >
          {pending ? t("adding") : t("add")}
        </button>
      </div>
    </form>
  );
}
