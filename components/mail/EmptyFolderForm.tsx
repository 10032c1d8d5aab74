"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { ActionStatus } from "./ActionStatus";

type Props = {
  mailbox: string;
  folderId: string;
  forGood: boolean;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

/** "Empty folder…": a disclosure that asks before anything happens. */
export function EmptyFolderForm({ mailbox, folderId, forGood, action }: Props) {
  const t = useTranslations("mail.empty");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700">{t("open")}</summary>
      <form action={formAction} className="mt-1 flex flex-wrap items-center gap-2" aria-busy={pending}>
        <input type="hidden" name="mailbox" value={mailbox} />
        <input type="hidden" name="folderId" value={folderId} />
        <span>{forGood ? t("explainForGood") : t("explain")}</span>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-red-700 px-2 py-1 text-xs font-medium text-white hover:bg-red-800 disabled:opacity-60"
        >
          {pending ? t("working") : t("confirm")}
        </button>
      </form>
      <ActionStatus state={state} />
    </details>
  );
}
