"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { ComposeFieldError } from "./ComposeErrors";
import { editorStart, RichBodyEditor } from "./RichBodyEditor";

export type FromChoice = { value: string; label: string };

export const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600";
export const describe = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

/** What every field of the form shows: its starting value and its error, if any. */
type FieldProps = { defaultValue: string; state: ActionState; invalid: boolean };

/** The From picker: the actor's own address and each mailbox they may send as or on behalf of. */
export function FromField({
  choices,
  defaultValue,
  state,
  invalid,
  onChange,
}: FieldProps & { choices: FromChoice[]; onChange?: (value: string) => void }) {
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
        onChange={(e) => onChange?.(e.target.value)}
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

/**
 * The message text. Before JavaScript (and as the form first arrives) a plain textarea; once the
 * page runs, the rich editor replaces it, starting from the draft's or quote's HTML — or from what
 * was typed in the textarea meanwhile — and the form carries its HTML and text in hidden fields.
 * It takes the focus when answering (the recipients are already there).
 */
export function BodyField({
  defaultValue,
  defaultHtml,
  state,
  invalid,
  autoFocus,
}: FieldProps & { defaultHtml?: string; autoFocus: boolean }) {
  const t = useTranslations("compose");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [start, setStart] = useState<string | null>(null);
  const [value, setValue] = useState({ html: "", text: defaultValue });
  useEffect(() => {
    const typed = textarea.current?.value ?? defaultValue;
    setStart(editorStart(defaultHtml, typed, typed !== defaultValue));
    // the editor takes over once, from what the page was given or what was typed before it
  }, []);
  const describedBy = describe("compose-shortcut", invalid && "compose-body-error");
  return (
    <div>
      <label id="compose-body-label" htmlFor="compose-body" className="block text-sm font-medium">
        {t("body")}
      </label>
      {start === null ? (
        <textarea
          ref={textarea}
          id="compose-body"
          name="body"
          rows={14}
          defaultValue={defaultValue}
          autoFocus={autoFocus}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={`${inputClass} font-mono text-sm`}
        />
      ) : (
        <>
          <RichBodyEditor
            initialHtml={start}
            autoFocus={autoFocus}
            invalid={invalid}
            describedBy={describedBy}
            onChange={(html, text) => setValue({ html, text })}
          />
          <input type="hidden" name="body" value={value.text} />
          <input type="hidden" name="html" value={value.html} />
        </>
      )}
      <ComposeFieldError id="compose-body-error" field="body" state={state} />
    </div>
  );
}
