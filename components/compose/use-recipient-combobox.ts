"use client";

import { useEffect, useRef, useState } from "react";
import { chosenAddresses, currentToken, withPicked } from "./recipient-tokens";

export type Suggestion = { address: string; name: string; kind: "standard" | "shared" };
export type Suggest = (query: string, signal: AbortSignal) => Promise<Suggestion[]>;

/**
 * The state of one recipients combobox (ARIA 1.2 pattern): the text, the suggestions for the
 * address being typed (asked 150 ms after the last keystroke, the previous request aborted),
 * whether the list is open and which option is active; and the keys that move through it.
 */
export function useRecipientCombobox(defaultValue: string, suggest: Suggest) {
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
        const chosen = chosenAddresses(head);
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
    setValue(withPicked(value, option));
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

  return {
    value,
    options,
    open,
    active,
    onChange: (next: string) => {
      setValue(next);
      lookUp(next);
    },
    onKeyDown,
    close: () => setOpen(false),
    pick,
  };
}
