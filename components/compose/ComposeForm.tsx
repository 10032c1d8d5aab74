"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import type { ComposeInitial } from "@/lib/compose/prefill";
import { AttachmentsField, tooLarge } from "./AttachmentsField";
import { ComposeFieldError, useComposeErrorText } from "./ComposeErrors";
import { RecipientField, type Suggestion } from "./RecipientField";

export type FromChoice = { value: string; label: string };

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial: ComposeInitial & { from: string };
  fromChoices: FromChoice[];
  /** The mailbox composed in (?mailbox=), sent back so a saved draft reopens in the same place. */
  context?: string | null;
  backHref: string;
  draftSaved?: boolean;
  suggest?: (query: string, signal: AbortSignal) => Promise<Suggestion[]>;
};

const input = "mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600";
const describe = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

/**
 * The compose form. A plain form posting to the compose action (it works before JavaScript loads);
 * with JavaScript: address-book suggestions, the attachment limit checked before uploading, pending
 * states, and Ctrl/⌘+Enter to send. It is submitted by hand so that what was typed — files
 * included — stays in place when the server answers with errors.
 */
export function ComposeForm({ action, initial, fromChoices, context, backHref, draftSaved, suggest }: Props) {
  const t = useTranslations("compose");
  const errorText = useComposeErrorText();
  const [state, formAction, pending] = useActionState(action, null);
  const [intent, setIntent] = useState<"send" | "draft">("send");
  const [attachmentsError, setAttachmentsError] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state && !state.ok) summary.current?.focus();
  }, [state]);

  const echo = (state?.data as { echo?: Partial<Record<string, string>> } | undefined)?.echo;
  const value = (key: "from" | "to" | "cc" | "bcc" | "subject" | "body") => echo?.[key] ?? initial[key];
  const errors = state?.fieldErrors ?? {};
  const has = (field: string) => Boolean(errors[field]?.length);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const formElement = event.currentTarget;
    if (tooLarge(formElement)) {
      setAttachmentsError(true);
      summary.current?.focus();
      return;
    }
    setIntent(submitter?.value === "draft" ? "draft" : "send");
    const data = new FormData(formElement, submitter);
    startTransition(() => formAction(data));
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLFormElement>) {
    if (event.key !== "Enter") return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      if (!pending) form.current?.requestSubmit(sendButton.current);
    } else if (
      event.target instanceof HTMLInputElement &&
      event.target.type !== "checkbox" &&
      !event.defaultPrevented
    ) {
      // Enter in a one-line field does not send the message by accident.
      event.preventDefault();
    }
  }

  const message = attachmentsError
    ? errorText.field("attachmentsTooLarge", "attachments")
    : state?.message && errorText.message(state.message, state.values);

  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      aria-busy={pending}
      className="space-y-4"
    >
      <div ref={summary} tabIndex={-1} aria-live="assertive" className="outline-none">
        {message && (
          <p data-testid="compose-error" className="rounded bg-red-50 p-2 text-sm text-red-800">
            {message}
          </p>
        )}
      </div>
      {draftSaved && !state && (
        <p role="status" data-testid="draft-saved" className="rounded bg-green-50 p-2 text-sm text-green-900">
          {t("draftSaved")}
        </p>
      )}

      <input type="hidden" name="replyOf" value={initial.replyOf ?? ""} />
      <input type="hidden" name="attachFrom" value={initial.attachFrom ?? ""} />
      <input type="hidden" name="draftId" value={initial.draftId ?? ""} />
      {context && <input type="hidden" name="context" value={context} />}

      <div>
        <label htmlFor="compose-from" className="block text-sm font-medium">
          {t("from")}
        </label>
        <select
          id="compose-from"
          name="from"
          defaultValue={value("from")}
          aria-invalid={has("from") || undefined}
          aria-describedby={describe(has("from") && "compose-from-error")}
          className={input}
        >
          {fromChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <ComposeFieldError id="compose-from-error" field="from" state={state} />
      </div>

      <p id="compose-recipients-hint" className="text-xs text-slate-600">
        {t("recipientsHint")}
      </p>
      {(["to", "cc", "bcc"] as const).map((field) => (
        <div key={field}>
          <RecipientField
            name={field}
            label={t(field)}
            defaultValue={value(field)}
            invalid={has(field)}
            autoFocus={field === "to" && initial.mode !== "reply" && initial.mode !== "replyAll"}
            describedBy={describe("compose-recipients-hint", has(field) && `compose-${field}-error`)}
            suggest={suggest}
          />
          <ComposeFieldError id={`compose-${field}-error`} field={field} state={state} />
        </div>
      ))}

      <div>
        <label htmlFor="compose-subject" className="block text-sm font-medium">
          {t("subject")}
        </label>
        <input
          id="compose-subject"
          name="subject"
          type="text"
          defaultValue={value("subject")}
          maxLength={255}
          aria-invalid={has("subject") || undefined}
          aria-describedby={describe(has("subject") && "compose-subject-error")}
          className={input}
        />
        <ComposeFieldError id="compose-subject-error" field="subject" state={state} />
      </div>

      <div>
        <label htmlFor="compose-body" className="block text-sm font-medium">
          {t("body")}
        </label>
        <textarea
          id="compose-body"
          name="body"
          rows={14}
          defaultValue={value("body")}
          autoFocus={initial.mode === "reply" || initial.mode === "replyAll"}
          aria-invalid={has("body") || undefined}
          aria-describedby={describe("compose-shortcut", has("body") && "compose-body-error")}
          className={`${input} font-mono text-sm`}
        />
        <ComposeFieldError id="compose-body-error" field="body" state={state} />
      </div>

      <div>
        <AttachmentsField
          kept={initial.attachments}
          hintId="compose-attachments-hint"
          describedBy={describe(
            "compose-attachments-hint",
            (has("attachments") || attachmentsError) && "compose-attachments-error",
          )}
          invalid={has("attachments") || attachmentsError}
          onChange={() => setAttachmentsError(false)}
        />
        <ComposeFieldError
          id="compose-attachments-error"
          field="attachments"
          state={state}
          extra={attachmentsError && !has("attachments") ? "attachmentsTooLarge" : undefined}
        />
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button
          ref={sendButton}
          type="submit"
          name="intent"
          value="send"
          disabled={pending}
          className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending && intent === "send" ? t("sending") : t("send")}
        </button>
        <button
          type="submit"
          name="intent"
          value="draft"
          disabled={pending}
          className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100 disabled:opacity-60"
        >
          {pending && intent === "draft" ? t("savingDraft") : t("saveDraft")}
        </button>
        <Link href={backHref} className="px-2 py-2 text-slate-700 underline">
          {t("cancel")}
        </Link>
        <p id="compose-shortcut" className="ml-auto text-xs text-slate-600">
          {t("shortcut")}
        </p>
      </div>
    </form>
  );
}
