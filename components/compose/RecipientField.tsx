"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { formatMailbox } from "@/lib/mime/format-address";

export type Suggestion = { address: string; name: string; kind: "standard" | "shared" };

type Props = {
  name: "to" | "cc" | "bcc";
  label: string;
  defaultValue: string;
  /** Ids of the hint and error texts, for aria-describedby. */
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
  /** Where suggestions come from (the address book route). */
  suggest?: (query: string, signal: AbortSignal) => Promise<Suggestion[]>;
};

const SEPARATOR = /[,;]/;

/** The address being typed: what follows the last comma or semicolon. */
function currentToken(value: string): { head: string; token: string } {
  let cut = -1;
  for (let i = value.length - 1; i >= 0; i--) {
    if (SEPARATOR.test(value[i]!)) {
      cut = i;
      break;
    }
  }
  return { head: value.slice(0, cut + 1), token: value.slice(cut + 1).trim() };
}

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
  const t = useTranslations("compose");
  const id = useId();
  const inputId = `compose-${name}`;
  const listId = `${id}-listbox`;
  const [value, setValue] = useState(defaultValue);
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => setValue(defaultValue), [defaultValue]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      abort.current?.abort();
    },
    [],
  );

  function lookUp(next: string) {
    if (timer.current) clearTimeout(timer.current);
    abort.current?.abort();
    const { head, token } = currentToken(next);
    if (token.length < 1 || token.includes("<")) {
      setOpen(false);
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      abort.current = controller;
      try {
        const chosen = new Set(head.toLowerCase().match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []);
        const found = (await suggest(token, controller.signal)).filter((s) => !chosen.has(s.address));
        setOptions(found);
        setActive(found.length > 0 ? 0 : -1);
        setOpen(found.length > 0);
      } catch {
        // aborted or offline: typing goes on without suggestions
      }
    }, 150);
  }

  function pick(option: Suggestion) {
    const { head } = currentToken(value);
    const next = `${head}${head ? " " : ""}${formatMailbox(option)}, `;
    setValue(next);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && options.length > 0) setOpen(true);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (event.key === "Enter" && open && active >= 0 && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      pick(options[active]!);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  }

  return (
    <div className="relative">
      <label htmlFor={inputId} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        type="text"
        value={value}
        autoComplete="off"
        autoFocus={autoFocus}
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          setValue(e.target.value);
          lookUp(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t("suggestions")}
        hidden={!open}
        className="absolute z-10 mt-1 max-h-64 w-full overflow-y-auto rounded border border-slate-300 bg-white shadow"
      >
        {options.map((option, i) => (
          <li
            key={option.address}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(option);
            }}
            className={`cursor-pointer px-3 py-1.5 text-sm ${
              i === active ? "bg-brand-600 " + "text-white" : "hover:bg-slate-100"
            }`}
          >
            <span className="font-medium">{option.name}</span>{" "}
            <span className={i === active ? "" : "text-slate-500"}>{option.address}</span>
          </li>
        ))}
      </ul>
      <p className="sr-only" aria-live="polite">
        {open ? t("suggestionsAvailable", { count: options.length }) : ""}
      </p>
    </div>
  );
}
