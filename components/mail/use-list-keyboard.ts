"use client";

import { useEffect, type KeyboardEvent } from "react";
import { flushSync } from "react-dom";

/** "/" anywhere outside a field goes to the search box. */
export function useSearchShortcut() {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== "/" || target?.closest("input, textarea, select, [contenteditable]")) return;
      const search = document.getElementById("mail-search");
      if (search) {
        event.preventDefault();
        search.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

/** Letter shortcuts of the mail screen, as in Outlook on the web, and the control each one presses. */
const SHORTCUTS: { key: string; shift: boolean; control: string }[] = [
  { key: "n", shift: false, control: "new" },
  { key: "r", shift: false, control: "reply" },
  { key: "r", shift: true, control: "replyAll" },
  { key: "f", shift: true, control: "forward" },
];

/**
 * N new message, R reply, Shift+R reply all, Shift+F forward, anywhere outside a field: each
 * presses the link marked `data-shortcut` (New message in the folder pane; Reply, Reply all,
 * Forward in the reading pane's toolbar), so it goes where a click goes.
 */
export function useMailShortcuts() {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (target?.closest("input, textarea, select, [contenteditable], [role=dialog], [role=menu]")) return;
      const key = event.key.toLowerCase();
      const shortcut = SHORTCUTS.find((s) => s.key === key && s.shift === event.shiftKey);
      const control = shortcut && document.querySelector<HTMLElement>(`[data-shortcut="${shortcut.control}"]`);
      if (control) {
        event.preventDefault();
        control.click();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

/**
 * The rows' shortcuts: j/k or arrows move between rows, x selects the focused one, Delete deletes
 * the selection (or the focused row when nothing is selected).
 */
export function listKeyHandler(selection: {
  count: number;
  toggle: (id: string, on?: boolean) => void;
  submitDelete: () => void;
}) {
  return (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const rows = [...event.currentTarget.querySelectorAll<HTMLElement>("[data-row]")];
    const index = rows.findIndex((r) => r.contains(document.activeElement));
    const row = rows[index];
    const focusRow = (i: number) => rows[i]?.querySelector<HTMLElement>("a")?.focus();
    switch (event.key) {
      case "j":
      case "ArrowDown":
        event.preventDefault();
        focusRow(Math.min(index + 1, rows.length - 1));
        break;
      case "k":
      case "ArrowUp":
        event.preventDefault();
        focusRow(Math.max(index - 1, 0));
        break;
      case "x":
        if (row?.dataset.row) {
          event.preventDefault();
          selection.toggle(row.dataset.row);
        }
        break;
      case "Delete":
        if (selection.count === 0 && row?.dataset.row) flushSync(() => selection.toggle(row.dataset.row!, true));
        if (selection.count > 0 || row) {
          event.preventDefault();
          selection.submitDelete();
        }
        break;
    }
  };
}
