"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { ActionStatus } from "./ActionStatus";
import { MoveSelect, type FolderOption } from "./MoveSelect";
import { publishFromReadingPane } from "./pending-undo";

const noSubscription = () => () => {};

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
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, null);
  // With JavaScript, a move or delete answers here where the list is, not by a redirect: the list,
  // kept across the navigation, shows the answer and its Undo; the new list is read then.
  const goTo = state?.ok ? (state.data as { goTo?: string } | undefined)?.goTo : undefined;
  useEffect(() => {
    if (!goTo) return;
    publishFromReadingPane(state);
    router.replace(goTo);
    router.refresh();
  }, [goTo, state, router]);
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  return (
    <form action={formAction} aria-busy={pending} className="flex flex-wrap items-center gap-1">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="ids[]" value={messageId} />
      {hydrated && <input type="hidden" name="answerHere" value="1" />}
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
