"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { ActionStatus } from "./ActionStatus";

/** "Show as conversations" / "Show as messages": the person's own list setting, a plain form. */
export function ConversationToggle({ on, action }: { on: boolean; action: FormAction }) {
  const t = useTranslations("mail.conversations");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-busy={pending} className="text-xs" aria-label={t("view")}>
      <input type="hidden" name="on" value={on ? "0" : "1"} />
      <button type="submit" disabled={pending} className="text-brand-700 underline disabled:opacity-60">
        {on ? t("showMessages") : t("showConversations")}
      </button>
      <ActionStatus state={state} className="text-xs" />
    </form>
  );
}
