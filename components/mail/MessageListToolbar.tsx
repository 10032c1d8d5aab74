"use client";

import type { Ref } from "react";
import { useTranslations } from "next-intl";
import { MoveSelect, type FolderOption } from "./MoveSelect";

const button =
  "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100 disabled:cursor-not-allowed " +
  "disabled:opacity-50";

/** Select all, the selection count, and the actions on the selection (submit buttons of the list's form). */
export function MessageListToolbar({
  count,
  all,
  disabled,
  pending,
  deleteForGood,
  moveTargets,
  onSelectAll,
  selectAllRef,
  deleteRef,
}: {
  count: number;
  all: boolean;
  disabled: boolean;
  pending: boolean;
  deleteForGood: boolean;
  moveTargets: FolderOption[];
  onSelectAll: (on: boolean) => void;
  selectAllRef: Ref<HTMLInputElement>;
  deleteRef: Ref<HTMLButtonElement>;
}) {
  const t = useTranslations("mail.list");
  return (
    <div
      role="toolbar"
      aria-label={t("actions")}
      className="flex flex-wrap items-center gap-1 border-b px-4 py-2 border-slate-200"
    >
      <input
        ref={selectAllRef}
        type="checkbox"
        aria-label={t("selectAll")}
        checked={all}
        onChange={(e) => onSelectAll(e.target.checked)}
        className="mr-1"
      />
      <span className="mr-2 text-xs text-slate-600" data-testid="selection-count">
        {pending ? t("working") : t("selected", { count })}
      </span>
      <button type="submit" name="op" value="read" disabled={disabled} className={button}>
        {t("markRead")}
      </button>
      <button type="submit" name="op" value="unread" disabled={disabled} className={button}>
        {t("markUnread")}
      </button>
      <button type="submit" name="op" value="flag" disabled={disabled} className={button}>
        {t("flag")}
      </button>
      <button type="submit" name="op" value="unflag" disabled={disabled} className={button}>
        {t("unflag")}
      </button>
      <button ref={deleteRef} type="submit" name="op" value="delete" disabled={disabled} className={button}>
        {deleteForGood ? t("deleteForGood") : t("delete")}
      </button>
      <MoveSelect id="list-move-target" options={moveTargets} disabled={disabled} />
    </div>
  );
}
