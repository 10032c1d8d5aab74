"use client";

import { useTranslations } from "next-intl";

export type FolderOption = { id: string; label: string };

/** "Move to": a folder menu and its button, part of the form around it (op=move). */
export function MoveSelect({ id, options, disabled }: { id: string; options: FolderOption[]; disabled?: boolean }) {
  const t = useTranslations("mail.list");
  return (
    <span className="flex items-center gap-1">
      <label htmlFor={id} className="sr-only">
        {t("moveTo")}
      </label>
      <select
        id={id}
        name="target"
        defaultValue=""
        className="max-w-48 rounded border border-slate-300 px-1 py-1 text-xs"
      >
        <option value="">{t("chooseFolder")}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <button
        type="submit"
        name="op"
        value="move"
        disabled={disabled}
        className={
          "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100 " +
          "disabled:cursor-not-allowed disabled:opacity-50"
        }
      >
        {t("move")}
      </button>
    </span>
  );
}
