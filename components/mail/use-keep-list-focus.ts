"use client";

import { useEffect, useRef } from "react";

const rowLinks = () => [...document.querySelectorAll<HTMLElement>("#message-rows [data-row] a")];

/**
 * Focus stays in the list after a move or a delete, as in Outlook on the web: when the list was
 * focused (or the selection was acted on from its toolbar), the row now at the place of the first
 * message that left gets the focus once the list is rendered again.
 */
export function useKeepListFocus(ids: string[], isSelected: (id: string) => boolean) {
  const refocus = useRef<number | null>(null);
  const key = ids.join(",");
  useEffect(() => {
    const index = refocus.current;
    if (index === null) return;
    refocus.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && !active.closest("#message-rows, [role=toolbar], [role=menu]")) return;
    const links = rowLinks();
    links[Math.min(index, links.length - 1)]?.focus();
  }, [key]);

  /** Called as the list's form is submitted (a move or a delete may follow). */
  return () => {
    const focused = ids.findIndex((id) => document.activeElement?.closest(`[data-row="${id}"]`));
    const selected = ids.findIndex(isSelected);
    const index = selected >= 0 ? selected : focused;
    refocus.current = index >= 0 ? index : null;
  };
}
