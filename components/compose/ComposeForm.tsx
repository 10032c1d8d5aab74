"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import type { ComposeInitial } from "@/lib/compose/prefill";
import { AttachmentsField } from "./AttachmentsField";
import { ComposeFieldError, useComposeErrorText } from "./ComposeErrors";
import { BodyField, describe, FromField, SubjectField, type FromChoice } from "./ComposeTextFields";
import { ComposeToolbar } from "./ComposeToolbar";
import { RecipientField, type Suggestion } from "./RecipientField";
import { AutosaveStatusLine } from "./AutosaveStatusLine";
import { SignatureField } from "./SignatureField";
import { useAutosave } from "./use-autosave";
import { useComposeForm } from "./use-compose-form";
import { useReplyingPresence } from "./use-replying-presence";

export type { FromChoice } from "./ComposeTextFields";

type Props = {
  action: FormAction;
  initial: ComposeInitial & { from: string };
  fromChoices: FromChoice[];
  /** The mailbox composed in (?mailbox=), sent back so a saved draft reopens in the same place. */
  context?: string | null;
  /** The signature of each From choice that has one, by From value. */
  signatures?: Record<string, string>;
  backHref: string;
  draftSaved?: boolean;
  suggest?: (query: string, signal: AbortSignal) => Promise<Suggestion[]>;
  /**
   * A reply to a shared mailbox's message: when its form was opened (server time, ISO), for the
   * warning if someone else replies meanwhile; the form says it is open while it is (others see
   * "… is replying").
   */
  replying?: { openedAt: string };
};

/**
 * The compose form. A plain form posting to the compose action (it works before JavaScript loads);
 * with JavaScript: address-book suggestions, the attachment limit checked before uploading, pending
 * states, and Ctrl/⌘+Enter to send (useComposeForm).
 */
export function ComposeForm({
  action,
  initial,
  fromChoices,
  signatures = {},
  context,
  backHref,
  draftSaved,
  suggest,
  replying,
}: Props) {
  const t = useTranslations("compose");
  const errorText = useComposeErrorText();
  const form = useRef<HTMLFormElement>(null);
  const autosave = useAutosave(
    form,
    { draftId: initial.draftId ?? "", attachFrom: initial.attachFrom ?? "", kept: initial.attachments },
    t("leaveConfirm"),
  );
  const compose = useComposeForm(action, autosave, form);
  useReplyingPresence(replying ? initial.replyOf : undefined);
  const { state, pending, attachmentsError } = compose;

  const echo = (state?.data as { echo?: Partial<Record<string, string>> } | undefined)?.echo;
  const value = (key: "from" | "to" | "cc" | "bcc" | "subject" | "body") => echo?.[key] ?? initial[key];
  const [from, setFrom] = useState(value("from"));
  const errors = state?.fieldErrors ?? {};
  const has = (field: string) => Boolean(errors[field]?.length);
  const answering = initial.mode === "reply" || initial.mode === "replyAll";
  const message = attachmentsError
    ? errorText.field("attachmentsTooLarge", "attachments")
    : state?.message && errorText.message(state.message, state.values);

  return (
    <form
      ref={compose.refs.form}
      action={compose.formAction}
      onSubmit={compose.onSubmit}
      onKeyDown={compose.onKeyDown}
      noValidate
      aria-busy={pending}
      className="space-y-4"
    >
      <div ref={compose.refs.summary} tabIndex={-1} aria-live="assertive" className="outline-none">
        {message && (
          <p data-testid="compose-error" className="rounded bg-red-50 p-2 text-sm text-red-800">
            {message}
          </p>
        )}
        {state?.message === "repliedMeanwhile" && (
          <button
            type="submit"
            name="sendAnyway"
            value="true"
            disabled={pending}
            className="mt-2 rounded border border-red-300 bg-white px-3 py-1 text-sm font-medium text-red-800"
          >
            {t("sendAnyway")}
          </button>
        )}
      </div>
      {draftSaved && !state && (
        <p role="status" data-testid="draft-saved" className="rounded bg-green-50 p-2 text-sm text-green-900">
          {t("draftSaved")}
        </p>
      )}

      <input type="hidden" name="replyOf" value={initial.replyOf ?? ""} />
      {replying && <input type="hidden" name="openedAt" value={replying.openedAt} />}
      <input type="hidden" name="attachFrom" value={autosave.ids.attachFrom} />
      <input type="hidden" name="draftId" value={autosave.ids.draftId} />
      {context && <input type="hidden" name="context" value={context} />}

      <FromField
        choices={fromChoices}
        defaultValue={value("from")}
        state={state}
        invalid={has("from")}
        onChange={setFrom}
      />

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
            autoFocus={field === "to" && !answering}
            describedBy={describe("compose-recipients-hint", has(field) && `compose-${field}-error`)}
            suggest={suggest}
          />
          <ComposeFieldError id={`compose-${field}-error`} field={field} state={state} />
        </div>
      ))}

      <SubjectField defaultValue={value("subject")} state={state} invalid={has("subject")} />
      <BodyField
        defaultValue={value("body")}
        defaultHtml={echo?.html || initial.html}
        state={state}
        invalid={has("body")}
        autoFocus={answering}
      />
      <SignatureField signatures={signatures} from={from} defaultChecked={initial.signature ?? true} />

      <div>
        <AttachmentsField
          kept={autosave.kept}
          hintId="compose-attachments-hint"
          describedBy={describe(
            "compose-attachments-hint",
            (has("attachments") || attachmentsError) && "compose-attachments-error",
          )}
          invalid={has("attachments") || attachmentsError}
          onChange={compose.clearAttachmentsError}
        />
        <ComposeFieldError
          id="compose-attachments-error"
          field="attachments"
          state={state}
          extra={attachmentsError && !has("attachments") ? "attachmentsTooLarge" : undefined}
        />
      </div>

      <AutosaveStatusLine status={autosave.status} />
      <ComposeToolbar
        pending={pending}
        intent={compose.intent}
        backHref={backHref}
        sendButton={compose.refs.sendButton}
      />
    </form>
  );
}
