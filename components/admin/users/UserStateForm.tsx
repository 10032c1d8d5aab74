"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import { FormMessage } from "../form/FormMessage";
import { SubmitButton } from "../form/SubmitButton";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  id: string;
  state: "active" | "suspended";
};

/** Suspend (cannot sign in, still receives mail) or reactivate a user mailbox. */
export function UserStateForm({ action, id, state: current }: Props) {
  const t = useTranslations("admin.userForm");
  const [state, formAction] = useActionState(action, null);
  const next = current === "active" ? "suspended" : "active";
  return (
    <form action={formAction} className="space-y-3" data-testid="user-state">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="state" value={next} />
      <FormMessage state={state} />
      <p className="text-sm text-slate-600">{current === "active" ? t("suspendHint") : t("reactivateHint")}</p>
      <SubmitButton variant={next === "suspended" ? "danger" : "primary"} pendingLabel={t("saving")}>
        {next === "suspended" ? t("suspend") : t("reactivate")}
      </SubmitButton>
    </form>
  );
}
