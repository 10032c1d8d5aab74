"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { ComposeFieldError } from "./ComposeErrors";

export type FromChoice = { value: string; label: string };

export const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600";
export const describe = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

/** What every field of the form shows: its starting value and its error, if any. */
type FieldProps = { defaultValue: string; state: ActionState; invalid: boolean };

/** The From picker: the actor's own address and each mailbox they may send as or on behalf of. */
export function FromField({ choices, defaultValue, state, invalid }: FieldProps & { choices: FromChoice[] }) {
  const t = useTranslations("compose");
  return (
    <div>
      <label htmlFor="compose-from" className="block text-sm font-medium">
        {t("from")}
      </label>
      <select
        id="compose-from"
        name="from"
        defaultValue={defaultValue}
        aria-invalid={invalid || undefined}
        aria-describedby={describe(invalid && "compose-from-error")}
        className={inputClass}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <ComposeFieldError id="compose-from-error" field="from" state={state} />
    </div>
  );
}

export function SubjectField({ defaultValue, state, invalid }: FieldProps) {
  const t = useTranslations("compose");
  return (
    <div>
      <label htmlFor="compose-subject" className="block text-sm font-medium">
        {t("subject")}
      </label>
      <input
        id="compose-subject"
        name="subject"
        type="text"
        defaultValue={defaultValue}
        maxLength={255}
        aria-invalid={invalid || undefined}
        aria-describedby={describe(invalid && "compose-subject-error")}
        className={inputClass}
      />
      <ComposeFieldError id="compose-subject-error" field="subject" state={state} />
    </div>
  );
}

/** The message text; it takes the focus when answering (the recipients are already there). */
export function BodyField({ defaultValue, state, invalid, autoFocus }: FieldProps & { autoFocus: boolean }) {
  const t = useTranslations("compose");
  return (
    <div>
      <label htmlFor="compose-body" className="block text-sm font-medium">
        {t("body")}
      </label>
      <textarea
        id="compose-body"
        name="body"
        rows={14}
        defaultValue={defaultValue}
        autoFocus={autoFocus}
        aria-invalid={invalid || undefined}
        aria-describedby={describe("compose-shortcut", invalid && "compose-body-error")}
        className={`${inputClass} font-mono text-sm`}
      />
      <ComposeFieldError id="compose-body-error" field="body" state={state} />
    </div>
  );
}
