"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/action-state";
import type { MoveBack } from "@/lib/messages/manage-messages";

/** How long "Undo" stays after a move or a delete. */
export const UNDO_MS = 10_000;

/**
 * "Undo" after messages were moved (to another mailbox too) or deleted to Deleted Items from the list: a form
 * that puts them
 * back where they were (the action's answer says where), shown for UNDO_MS — without JavaScript,
 * until the next page. Inside the list's form its button submits that form (op=undo); under an
 * emptied list (`standalone`) it is a form of its own.
 */
export function UndoBar({
  state,
  hidden,
  formAction,
  onSubmit,
  pending,
  standalone,
}: {
  state: ActionState;
  hidden: Record<string, string>;
  formAction: (data: FormData) => void;
  onSubmit?: () => void;
  pending: boolean;
  standalone: boolean;
}) {
  const t = useTranslations("mail.list");
  const data = state?.ok ? (state.data as { undo?: MoveBack; undoFrom?: string } | undefined) : undefined;
  const undo = data?.undo;
  const [expired, setExpired] = useState<ActionState>(null);
  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setExpired(state), UNDO_MS);
    return () => clearTimeout(timer);
  }, [state, undo]);
  if (!undo || expired === state) return null;
  const fields = (
    <>
      <input type="hidden" name="undo" value={JSON.stringify(undo)} />
      {data?.undoFrom && <input type="hidden" name="undoFrom" value={data.undoFrom} />}
      <button
        type="submit"
        name="op"
        value="undo"
        disabled={pending}
        className="text-sm font-medium text-brand-700 underline"
      >
        {t("undo")}
      </button>
    </>
  );
  if (!standalone) return <div className="px-4">{fields}</div>;
  return (
    <form action={formAction} onSubmit={onSubmit} className="px-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields}
    </form>
  );
}
