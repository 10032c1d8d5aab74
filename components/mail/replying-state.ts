"use client";

import { useSyncExternalStore } from "react";
import type { LiveReplyingEvent } from "@/lib/events/live-mail";

/**
 * Who else is replying, by conversation, as the live stream last said (LiveMailStream publishes each
 * `replying` event here). A name stays only as long as the replier's last sign of life counts
 * (`until`, this tab's clock): a form closed without a word fades out by itself.
 */
export type ShownReplier = { name: string; until: number };

const byConversation = new Map<string, ShownReplier[]>();
const listeners = new Set<() => void>();
let version = 0;

export const conversationKey = (mailboxId: string, threadId: string) => `${mailboxId}:${threadId}`;

export function publishReplying(event: LiveReplyingEvent, now = Date.now()): void {
  byConversation.set(
    conversationKey(event.mailboxId, event.threadId),
    event.people.map((p) => ({ name: p.name, until: now + p.leftMs })),
  );
  version++;
  for (const listener of listeners) listener();
}

/** The latest word on a conversation from the stream, or undefined if none came yet. */
export function useLiveRepliers(key: string): ShownReplier[] | undefined {
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => version,
    () => 0,
  );
  return byConversation.get(key);
}
