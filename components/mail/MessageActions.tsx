"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { ActionStatus } from "./ActionStatus";
import { MoveSelect, type FolderOption } from "./MoveSelect";

type Props = {
  hidden: Record<string, string>;
  messageId: string;
  flagged: boolean;
  deleteForGood: boolean;
  moveTargets: FolderOption[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

const button = "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50";

/** Actions on the open message: the same form as the list's, with this one message selected. */
export function MessageActions({ hidden, messageId, flagged, deleteForGood, moveTargets, action }: Props) {
  const t = useTranslations("mail.list");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-busy={pending} className="flex flex-wrap items-center gap-1">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="ids[]" value={messageId} />
      <button type="submit" name="op" value="unread" disabled={pending} className={button}>
        {t("markUnread")}
      </button>
      <button type="submit" name="op" value={flagged ? "unflag" : "flag"} disabled={pending} className={button}>
        {flagged ? t("unflag") : t("flag")}
      </button>
      <button type="submit" name="op" value="delete" disabled={pending} className={button}>
        {deleteForGood ? t("deleteForGood") : t("delete")}
      </button>
      <MoveSelect id="reader-move-target" options={moveTargets} disabled={pending} />
      {pending && <span className="text-xs text-slate-500">{t("working")}</span>}
      <ActionStatus state={state} className="w-full" />
    </form>
  );
}
