"use client";

import { useSyncExternalStore } from "react";

/**
 * Counts and read states newer than the panes that show them. Opening a message by a client
 * navigation renders the reading pane alone; its response carries the folder counts read after
 * the message was marked read (FreshCounts). The folder pane and the list, rendered earlier, show
 * the fresher of their own reading and this one, compared by the server time each was read at.
 */
const unread = new Map<string, { count: number; at: number }>();
const seenAt = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;
/** When (this tab's clock) a reading pane last reported messages it marked read. */
let ownReadAt = 0;
/** The open message's conversation in the list's folder: its row shows open whichever of them is. */
let openConversation = new Set<string>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Records counts and messages seen as of the server time `at`, and updates what shows them. */
export function publishFresh(at: number, counts: Record<string, number>, seen: string[]): void {
  for (const [folderId, count] of Object.entries(counts)) {
    const known = unread.get(folderId);
    if (!known || known.at < at) unread.set(folderId, { count, at });
  }
  for (const id of seen) seenAt.set(id, Math.max(at, seenAt.get(id) ?? 0));
  if (seen.length > 0) ownReadAt = Date.now();
  version++;
  for (const listener of listeners) listener();
}

/** The messages of the open message's conversation (none when no message is open). */
export function publishOpenConversation(ids: string[]): void {
  openConversation = new Set(ids);
  version++;
  for (const listener of listeners) listener();
}

/** Whether a row's message belongs to the conversation open in the reading pane. */
export function useInOpenConversation(id: string): boolean {
  useVersion();
  return openConversation.has(id);
}

/** This tab's clock time of the last reading pane that marked messages read (0: none yet). */
export function lastOwnReadAt(): number {
  return ownReadAt;
}

const useVersion = () =>
  useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );

/** A folder's unread count: the server's, read at `at`, unless a fresher one came since. */
export function useUnreadCount(folderId: string, count: number, at: number): number {
  useVersion();
  const fresh = unread.get(folderId);
  return fresh && fresh.at > at ? fresh.count : count;
}

/** Whether a message is seen: as the list read it at `at`, or since opened. */
export function useSeen(id: string, seen: boolean, at: number): boolean {
  useVersion();
  return seen || (seenAt.get(id) ?? 0) > at;
}
