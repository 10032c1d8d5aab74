"use client";

import { useEffect } from "react";
import { publishFresh } from "./fresh-state";

/** Hands the panes rendered earlier the counts read with this reading pane (fresh-state.ts). */
export function FreshCounts({ at, unread, seen }: { at: number; unread: Record<string, number>; seen: string[] }) {
  useEffect(() => publishFresh(at, unread, seen), [at, unread, seen]);
  return null;
}
