"use client";

import { useId } from "react";
import { SuggestionList } from "./SuggestionList";
import { useRecipientCombobox, type Suggest, type Suggestion } from "./use-recipient-combobox";

export type { Suggestion } from "./use-recipient-combobox";

type Props = {
  name: "to" | "cc" | "bcc";
  label: string;
  defaultValue: string;
  /** Ids of the hint and error texts, for aria-describedby. */
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
  /** Where suggestions come from (the address book route). */
  suggest?: Suggest;
};

export async function suggestFromDirectory(query: string, signal: AbortSignal): Promise<Suggestion[]> {
  const response = await fetch(`/api/directory?q=${encodeURIComponent(query)}`, {
    signal,
    headers: { accept: "application/json" },
  });
  if (!response.ok) return [];
  return ((await response.json()) as { results: Suggestion[] }).results;
}

/**
 * A recipients field (To, Cc, Bcc): a plain text input that works without JavaScript, turned into
 * an ARIA 1.2 combobox offering address-book suggestions for the address being typed.
 */
export function RecipientField({
  name,
  label,
  defaultValue,
  describedBy,
  invalid,
  autoFocus,
  suggest = suggestFromDirectory,
}: Props) {
  const listId = `${useId()}-listbox`;
  const inputId = `compose-${name}`;
  const box = useRecipientCombobox(defaultValue, suggest);
  return (
    <div className="relative">
      <label htmlFor={inputId} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        type="text"
        value={box.value}
        autoComplete="off"
        autoFocus={autoFocus}
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={box.open}
        aria-controls={listId}
        aria-activedescendant={box.open && box.active >= 0 ? `${listId}-${box.active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => box.onChange(e.target.value)}
        onKeyDown={box.onKeyDown}
        onBlur={box.close}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600"
      />
      <SuggestionList id={listId} options={box.options} open={box.open} active={box.active} onPick={box.pick} />
    </div>
  );
}
