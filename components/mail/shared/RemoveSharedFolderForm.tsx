"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { useStateMessage } from "./use-state-message";

export const REMOVE_FORM_ID = "remove-shared-folder";

/**
 * One form for every "Remove shared folder" control of the tree: each is a submit button with
 * form={REMOVE_FORM_ID}, name="mailboxId" and its mailbox's id. The form and its status stay
 * in place when the removed mailbox leaves the tree, so the confirmation is still announced.
 * Works before JavaScript loads (the form attribute is plain HTML).
 */
export function RemoveSharedFolderForm({ action: remove }: { action: FormAction }) {
  const t = useTranslations("shared");
  const message = useStateMessage();
  const [state, action, pending] = useActionState(remove, null);
  return (
    <form id={REMOVE_FORM_ID} action={action}>
      <p role="status" aria-live="polite" className={`px-3 text-xs ${state?.ok ? "text-green-800" : "text-red-800"}`}>
        {pending ? t("removing") : state ? message(state.message ?? "unexpected", state.values) : ""}
      </p>
    </form>
  );
}
