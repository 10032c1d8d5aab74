"use client";

import { useSyncExternalStore } from "react";
import type { ActionState } from "@/lib/forms/action-state";

/**
 * What an action on the open message answered when it took the message out of the folder (moved,
 * deleted): the reading pane closes, and the list beside it — kept across that navigation — shows
 * the answer and its Undo. Cleared when the list acts itself.
 */
let published: ActionState = null;
const listeners = new Set<() => void>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function publishFromReadingPane(state: ActionState): void {
  published = state;
  for (const listener of listeners) listener();
}

/** The reading pane's last answer for the list (null: none, or the list acted since). */
export function useReadingPaneAnswer(): ActionState {
  return useSyncExternalStore(
    subscribe,
    () => published,
    () => null,
  );
}
