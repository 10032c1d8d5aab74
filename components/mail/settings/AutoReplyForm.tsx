"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { useAutomationMessage } from "./use-automation-message";

export type AutoReplyFormValues = {
  enabled: boolean;
  /** "YYYY-MM-DDTHH:mm" in `timeZone`, or "". */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  internalText: string;
  externalText: string;
};

type Props = {
  mailbox: string;
  initial: AutoReplyFormValues;
  /** Nothing saved yet: the time zone starts as the browser's once JavaScript runs. */
  useBrowserTimeZone?: boolean;
  action: FormAction;
};

/** Automatic replies of one mailbox: on/off, an optional period in a time zone, the two texts. A plain form. */
export function AutoReplyForm({ mailbox, initial, useBrowserTimeZone, action }: Props) {
  const t = useTranslations("automation.autoReply");
  const message = useAutomationMessage();
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const zoneRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (useBrowserTimeZone && zoneRef.current) {
      zoneRef.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    }
  }, [useBrowserTimeZone]);

  const typed = state && !state.ok ? state.values : undefined;
  const value = (field: keyof AutoReplyFormValues) =>
    typed ? String(typed[field] ?? "") : String(initial[field] ?? "");
  const enabled = typed ? typed.enabled === "on" : initial.enabled;
  const errorsOf = (field: string) => state?.fieldErrors?.[field];
  const describe = (field: string) => (errorsOf(field) ? `${id}-${field}-error` : undefined);
  const fieldError = (field: string) =>
    errorsOf(field) ? (
      <p id={`${id}-${field}-error`} className="mt-1 text-sm text-red-700">
        {errorsOf(field)!
          .map((e) => message(e, state?.values))
          .join(" ")}
      </p>
    ) : null;
  const input = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

  return (
    <form action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="mailbox" value={mailbox} />
      <div aria-live="polite" role="status">
        {state?.ok && <p className="rounded bg-green-50 p-2 text-sm text-green-800">{t("saved")}</p>}
        {state && !state.ok && (
          <p className="rounded bg-red-50 p-2 text-sm text-red-800">{message(state.message ?? "unexpected")}</p>
        )}
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="enabled" defaultChecked={enabled} />
        {t("enabled")}
      </label>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">{t("period")}</legend>
        <div>
          <label htmlFor={`${id}-startsAt`} className="block text-sm">
            {t("startsAt")}
          </label>
          <input
            id={`${id}-startsAt`}
            name="startsAt"
            type="datetime-local"
            defaultValue={value("startsAt")}
            aria-invalid={Boolean(errorsOf("startsAt"))}
            aria-describedby={describe("startsAt")}
            className={input}
          />
          {fieldError("startsAt")}
        </div>
        <div>
          <label htmlFor={`${id}-endsAt`} className="block text-sm">
            {t("endsAt")}
          </label>
          <input
            id={`${id}-endsAt`}
            name="endsAt"
            type="datetime-local"
            defaultValue={value("endsAt")}
            aria-invalid={Boolean(errorsOf("endsAt"))}
            aria-describedby={describe("endsAt")}
            className={input}
          />
          {fieldError("endsAt")}
        </div>
        <div>
          <label htmlFor={`${id}-timeZone`} className="block text-sm">
            {t("timeZone")}
          </label>
          <input
            ref={zoneRef}
            id={`${id}-timeZone`}
            name="timeZone"
            type="text"
            defaultValue={value("timeZone")}
            aria-invalid={Boolean(errorsOf("timeZone"))}
            aria-describedby={describe("timeZone")}
            className={input}
          />
          {fieldError("timeZone")}
        </div>
      </fieldset>
      {(["internalText", "externalText"] as const).map((field) => (
        <div key={field}>
          <label htmlFor={`${id}-${field}`} className="block text-sm font-medium">
            {t(field)}
          </label>
          <textarea
            id={`${id}-${field}`}
            name={field}
            rows={4}
            defaultValue={value(field)}
            aria-invalid={Boolean(errorsOf(field))}
            aria-describedby={describe(field)}
            className={input}
          />
          {fieldError(field)}
        </div>
      ))}
      <button disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
