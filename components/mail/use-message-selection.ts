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

  const toggle = (id: string, on?: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  return {
    isSelected: (id: string) => selected.has(id),
    toggle,
    selectAll: (on: boolean) => setSelected(on ? new Set(ids) : new Set()),
    count,
    all,
    none: hydrated && count === 0,
    selectAllRef,
  };
}
