"use client";

import { useEffect } from "react";
import { publishFresh, publishOpenConversation } from "./fresh-state";

/**
 * Hands the panes rendered earlier the counts read with this reading pane (fresh-state.ts), and the
 * open message's conversation in the list's folder (its row shows open).
 */
export function FreshCounts({
  at,
  unread,
  seen,
  conversation,
}: {
  at: number;
  unread: Record<string, number>;
  seen: string[];
  conversation?: string[];
}) {
  useEffect(() => publishFresh(at, unread, seen), [at, unread, seen]);
  useEffect(() => {
    publishOpenConversation(conversation ?? []);
    return () => publishOpenConversation([]);
  }, [conversation]);
  return null;
}
