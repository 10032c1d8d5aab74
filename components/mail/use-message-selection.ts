"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { ActionState } from "@/lib/forms/action-state";

const noSubscribe = () => () => {};

/**
 * The list's checked rows. A successful answer of the action clears them (they have been acted
 * on); the select-all box shows "some" as indeterminate. Before hydration nothing counts as "none
 * selected", so the toolbar's buttons work as plain HTML.
 */
export function useMessageSelection(ids: string[], state: ActionState) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [answered, setAnswered] = useState<ActionState>(null);
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const selectAllRef = useRef<HTMLInputElement>(null);

  // A new answer that succeeded: the selection has been acted on.
  if (state !== answered) {
    setAnswered(state);
    if (state?.ok) setSelected(new Set());
  }

  const count = ids.filter((id) => selected.has(id)).length;
  const all = ids.length > 0 && count === ids.length;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = count > 0 && !all;
  }, [count, all]);

  // Where a Shift+click range starts: the row last ticked or unticked.
  const anchor = useRef<string | null>(null);
  const toggle = (id: string, on?: boolean) => {
    anchor.current = id;
    setSelected((current) => {
      const next = new Set(current);
      if (on ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  /** Right-click on a row outside the selection: that row alone. */
  const selectOnly = (id: string) => {
    anchor.current = id;
    setSelected(new Set([id]));
  };

  /** Shift+click: selects the rows from the last ticked one (or the open one, or the first) to `id`. */
  const range = (id: string, open: string | null) => {
    const from = [anchor.current, open].map((a) => (a ? ids.indexOf(a) : -1)).find((i) => i >= 0) ?? 0;
    const to = ids.indexOf(id);
    if (to < 0) return;
    const [start, end] = from <= to ? [from, to] : [to, from];
    setSelected((current) => new Set([...current, ...ids.slice(start, end + 1)]));
  };

  return {
    isSelected: (id: string) => selected.has(id),
    /** The selected rows of this page, in list order. */
    selectedIds: () => ids.filter((id) => selected.has(id)),
    toggle,
    range,
    selectOnly,
    selectAll: (on: boolean) => setSelected(on ? new Set(ids) : new Set()),
    count,
    all,
    none: hydrated && count === 0,
    selectAllRef,
  };
}
