"use client";

import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { useAutomationMessage } from "./use-automation-message";

type Props = {
  mailbox: string;
  folders: { id: string; name: string }[];
  /** The actor has Send As on the mailbox: forwarding is offered. */
  mayForward: boolean;
  action: FormAction;
};

const TEXT_FIELDS = [
  ["fromContains", "fromField"],
  ["toContains", "toField"],
  ["subjectContains", "subjectField"],
] as const;
const CHECKS = [
  ["markRead", "markReadField"],
  ["flag", "flagField"],
  ["stopProcessing", "stopField"],
] as const;

/** A new inbox rule: a name, conditions, actions. A plain form with field errors. */
export function RuleForm({ mailbox, folders, mayForward, action }: Props) {
  const t = useTranslations("automation.rules");
  const message = useAutomationMessage();
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const typed = state && !state.ok ? state.values : undefined;
  const value = (field: string) => (typed ? String(typed[field] ?? "") : "");
  const errorsOf = (field: string) => state?.fieldErrors?.[field];
  const props = (field: string) => ({
    id: `${id}-${field}`,
    name: field,
    defaultValue: value(field),
    "aria-invalid": Boolean(errorsOf(field)),
    "aria-describedby": errorsOf(field) ? `${id}-${field}-error` : undefined,
    className: "mt-1 w-full rounded border border-slate-300 px-3 py-2",
  });
  const fieldError = (field: string) =>
    errorsOf(field) ? (
      <p id={`${id}-${field}-error`} className="mt-1 text-sm text-red-700">
        {errorsOf(field)!
          .map((e) => message(e, state?.values))
          .join(" ")}
      </p>
    ) : null;

  return (
    <form action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="mailbox" value={mailbox} />
      <div aria-live="polite" role="status">
        {state?.ok && <p className="rounded bg-green-50 p-2 text-sm text-green-800">{t("added")}</p>}
        {state && !state.ok && (
          <p className="rounded bg-red-50 p-2 text-sm text-red-800">{message(state.message ?? "unexpected")}</p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-name`} className="block text-sm font-medium">
          {t("name")}
        </label>
        <input type="text" required {...props("name")} />
        {fieldError("name")}
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">{t("conditions")}</legend>
        {TEXT_FIELDS.map(([field, label]) => (
          <div key={field}>
            <label htmlFor={`${id}-${field}`} className="block text-sm">
              {t(label)}
            </label>
            <input type="text" {...props(field)} />
            {fieldError(field)}
          </div>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">{t("actions")}</legend>
        <div>
          <label htmlFor={`${id}-moveToFolderId`} className="block text-sm">
            {t("moveField")}
          </label>
          <select {...props("moveToFolderId")}>
            <option value="">{t("noMove")}</option>
            {folders.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          {fieldError("moveToFolderId")}
        </div>
        {CHECKS.map(([field, label]) => (
          <label key={field} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={field} defaultChecked={typed ? typed[field] === "on" : false} />
            {t(label)}
          </label>
        ))}
        {mayForward ? (
          <div>
            <label htmlFor={`${id}-forwardTo`} className="block text-sm">
              {t("forwardField")}
            </label>
            <input type="email" {...props("forwardTo")} />
            <p className="text-xs text-slate-600">{t("forwardHint")}</p>
            {fieldError("forwardTo")}
          </div>
        ) : (
          <p className="text-sm text-slate-600">{t("forwardUnavailable")}</p>
        )}
      </fieldset>
      <button disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        {pending ? t("adding") : t("add")}
      </button>
    </form>
  );
}
