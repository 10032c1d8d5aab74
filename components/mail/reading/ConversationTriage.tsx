"use client";

import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { ActionStatus } from "@/components/mail/ActionStatus";

export type ShownTriage = {
  assignee: { id: string; name: string } | null;
  done: boolean;
  delegates: { id: string; name: string }[];
  /** The reader's own account id ("I'll handle it" is for someone else's or nobody's). */
  self: string;
};

/**
 * Who handles a shared mailbox's conversation, and whether it is done, under its open message:
 * assign it to a Full Access delegate (or nobody), take it, mark it done or reopen it. A plain form
 * (works before JavaScript loads); the server says what changed.
 */
export function ConversationTriage({
  mailbox,
  messageId,
  triage,
  action,
}: {
  mailbox: string;
  messageId: string;
  triage: ShownTriage;
  action: FormAction;
}) {
  const t = useTranslations("mail.triage");
  const id = useId();
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state?.fieldErrors?.assigneeId;
  const stateText = t("state", { done: String(triage.done), assignee: triage.assignee?.name ?? "none" });
  const button = "rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100";
  return (
    <section aria-labelledby={`${id}-heading`} className="mx-4 mt-2 rounded border border-slate-200 px-3 py-2">
      <form action={formAction} className="flex flex-wrap items-center gap-2 text-sm">
        <h3 id={`${id}-heading`} className="font-semibold">
          {t("heading")}
        </h3>
        <p data-testid="triage-state" className="text-slate-700">
          {stateText}
        </p>
        <input type="hidden" name="mailbox" value={mailbox} />
        <input type="hidden" name="messageId" value={messageId} />
        <label htmlFor={`${id}-assignee`} className="text-xs text-slate-600">
          {t("assignTo")}
        </label>
        <select
          id={`${id}-assignee`}
          name="assigneeId"
          defaultValue={triage.assignee?.id ?? ""}
          aria-invalid={errors ? true : undefined}
          className="rounded border border-slate-300 px-1 py-0.5 text-xs"
        >
          <option value="">{t("nobody")}</option>
          {triage.delegates.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <button type="submit" name="intent" value="assign" disabled={pending} className={button}>
          {t("assign")}
        </button>
        {triage.assignee?.id !== triage.self && (
          <button type="submit" name="intent" value="take" disabled={pending} className={button}>
            {t("take")}
          </button>
        )}
        <button
          type="submit"
          name="intent"
          value={triage.done ? "reopen" : "done"}
          disabled={pending}
          className={button}
        >
          {triage.done ? t("reopen") : t("markDone")}
        </button>
        {state?.ok ? (
          <p role="status" className="text-xs text-green-800">
            {t("saved", state.values as Record<string, string>)}
          </p>
        ) : (
          <ActionStatus state={state} className="text-xs" />
        )}
      </form>
    </section>
  );
}
