"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { FormAction } from "@/components/form-action";
import { tooLarge } from "./AttachmentsField";
import { withDraftIds, type DraftIds } from "./use-autosave";

/**
 * The compose form's behaviour: the action's state, which button sent it, the attachment limit
 * checked before uploading, focus on the error summary, and the keyboard (Ctrl/⌘+Enter sends,
 * Enter in a one-line field does nothing). The form is submitted by hand so that what was typed —
 * files included — stays in place when the server answers with errors.
 */
export function useComposeForm(
  action: FormAction,
  autosave?: { settle: () => Promise<void>; resume: () => void; currentIds: () => DraftIds },
  formRef?: React.RefObject<HTMLFormElement | null>,
) {
  const [state, formAction, pending] = useActionState(action, null);
  const [intent, setIntent] = useState<"send" | "draft">("send");
  const [attachmentsError, setAttachmentsError] = useState(false);
  const ownForm = useRef<HTMLFormElement>(null);
  const form = formRef ?? ownForm;
  const sendButton = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  const resume = autosave?.resume;
  useEffect(() => {
    // only when an answer arrives (resume is stable): never on the re-renders autosave causes
    if (state && !state.ok) {
      summary.current?.focus();
      resume?.();
    }
  }, [state, resume]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const formElement = event.currentTarget;
    if (submitter?.value !== "discard" && tooLarge(formElement)) {
      setAttachmentsError(true);
      summary.current?.focus();
      return;
    }
    setIntent(submitter?.value === "draft" ? "draft" : "send");
    // an autosave under way finishes first: its draft id goes with this submission
    await autosave?.settle();
    const data = new FormData(formElement, submitter);
    if (autosave) withDraftIds(data, autosave.currentIds());
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

  return {
    state,
    formAction,
    pending,
    intent,
    attachmentsError,
    clearAttachmentsError: () => setAttachmentsError(false),
    refs: { form, sendButton, summary },
    onSubmit,
    onKeyDown,
  };
}
