"use client";

import { useTranslations } from "next-intl";
import type { Suggestion } from "./use-recipient-combobox";

const ACTIVE = "bg-brand-600 text-white";

/** The combobox's listbox of address-book suggestions, and how many there are, announced. */
export function SuggestionList({
  id,
  options,
  open,
  active,
  onPick,
}: {
  id: string;
  options: Suggestion[];
  open: boolean;
  active: number;
  onPick: (option: Suggestion) => void;
}) {
  const t = useTranslations("compose");
  return (
    <>
      <ul
        id={id}
        role="listbox"
        aria-label={t("suggestions")}
        hidden={!open}
        className="absolute z-10 mt-1 max-h-64 w-full overflow-y-auto rounded border border-slate-300 bg-white shadow"
      >
        {options.map((option, i) => (
          <li
            key={option.address}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              // Keep the focus in the field: picking must not blur (and close) first.
              e.preventDefault();
              onPick(option);
            }}
            className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? ACTIVE : "hover:bg-slate-100"}`}
          >
            <span className="font-medium">{option.name}</span>{" "}
            <span className={i === active ? "" : "text-slate-500"}>{option.address}</span>
          </li>
        ))}
      </ul>
      <p className="sr-only" aria-live="polite">
        {open ? t("suggestionsAvailable", { count: options.length }) : ""}
      </p>
    </>
  );
}
