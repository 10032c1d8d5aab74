"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";

type Props = {
  action: FormAction;
  /** The mailbox's address (what the form sends). */
  mailbox: string;
  /** "Name <address>", as shown. */
  mailboxLabel: string;
  own: boolean;
  defaultValue: string;
  max: number;
};

/** One mailbox's signature: a text area and Save. A plain form: it works before JavaScript loads. */
export function SignatureForm({ action, mailbox, mailboxLabel, own, defaultValue, max }: Props) {
  const t = useTranslations("compose.signatures");
  const errors = useTranslations("errors");
  const [state, formAction, pending] = useActionState(action, null);
  const id = `signature-${mailbox.replace(/[^a-z0-9]/gi, "-")}`;
  const fieldError = state && !state.ok ? (state.fieldErrors?.text?.[0] ?? state.message ?? "unexpected") : null;
  const errorText = (key: string) => (errors.has(key) ? errors(key, { max }) : errors("unexpected"));
  return (
    <form action={formAction} aria-busy={pending} className="space-y-2 rounded border border-slate-200 p-4">
      <input type="hidden" name="mailbox" value={mailbox} />
      <p className="text-xs uppercase tracking-wide text-slate-500">{own ? t("own") : t("shared")}</p>
      <label htmlFor={id} className="block text-sm font-medium">
        {t("label", { mailbox: mailboxLabel })}
      </label>
      <textarea
        id={id}
        name="text"
        rows={5}
        maxLength={max}
        defaultValue={defaultValue}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={`${id}-hint${fieldError ? ` ${id}-error` : ""}`}
        className="w-full rounded border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {t("hint", { max })}
      </p>
      {fieldError && (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {errorText(fieldError)}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? t("saving") : t("save")}
        </button>
        <p role="status" className="text-sm text-green-800">
          {state?.ok ? t("saved", { mailbox: mailboxLabel }) : ""}
        </p>
      </div>
    </form>
  );
}
