"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useRef, useSyncExternalStore } from "react";
import type { LiveMailEvent, LiveReplyingEvent } from "@/lib/events/live-mail";
import { lastOwnReadAt, publishFresh, useUnreadCount } from "./fresh-state";
import { publishReplying } from "./replying-state";

/**
 * New mail without reloading. `LiveMailStream` (in the mail layout, so one connection survives
 * folder switches) listens to /api/mail/events. Each event carries the changed folders' counters:
 * they go to fresh-state.ts, so the folder pane's unread counts (own and shared mailboxes) change
 * without asking the server anything. Only when the open folder's counters differ from what its list
 * shows does it call `router.refresh()`, which renders the list again on the server and keeps the
 * DOM, the scroll position and the selection. `OpenFolder` (in the list layout) says which folder is
 * open and puts its unread count in the tab's title. `replying` events (who else is writing a reply
 * in a shared mailbox's conversation) go to replying-state.ts, for ReplyingNotice.
 */
type Open = { folderId: string; total: number; unread: number };
let open: Open | null = null;

/** Server-sent events reconnect after 1 s, 2 s, 4 s… up to this. */
const MAX_BACKOFF_MS = 30_000;
/** A tab hidden this long closes its connection; it reconnects (and catches up) when shown. */
const HIDDEN_CLOSE_MS = 2 * 60_000;
/**
 * A change of unread count alone (no new mail) waits this long: when it is this tab's own reading
 * (opening a message marks it read, and its reading pane brings the row's new state), the list
 * needs no second rendering.
 */
const READ_SETTLE_MS = 1500;

const announcer = { text: "", listeners: new Set<() => void>() };
function announce(text: string) {
  announcer.text = text;
  for (const listener of announcer.listeners) listener();
}

export function LiveMailStream() {
  const router = useRouter();
  const t = useTranslations("mail");
  const newMail = (count: number) => t("newMail", { count });
  const newMailRef = useRef(newMail);
  newMailRef.current = newMail;

  useEffect(() => {
    let source: EventSource | null = null;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let hidden: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    let missed = false;
    let settle: ReturnType<typeof setTimeout> | undefined;

    const refresh = () => startTransition(() => router.refresh());

    const onFolders = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as LiveMailEvent;
      const counts = event.folders.find((f) => f.folderId === open?.folderId);
      const current = open;
      publishFresh(event.at, Object.fromEntries(event.folders.map((f) => [f.folderId, f.unread])), []);
      if (!counts || !current) return;
      if (counts.total === current.total && counts.unread === current.unread) return;
      const grew = counts.total > current.total;
      if (grew) announce(newMailRef.current(counts.total - current.total));
      open = { ...current, total: counts.total, unread: counts.unread };
      clearTimeout(settle);
      if (grew || counts.total < current.total) return refresh();
      const received = Date.now();
      settle = setTimeout(() => {
        if (Math.abs(lastOwnReadAt() - received) > READ_SETTLE_MS * 2) refresh();
      }, READ_SETTLE_MS);
    };

    const disconnect = () => {
      source?.close();
      source = null;
      clearTimeout(retry);
    };
    const connect = () => {
      disconnect();
      if (ended) return;
      const next = new EventSource("/api/mail/events");
      source = next;
      next.addEventListener("open", () => {
        attempt = 0;
        if (missed) refresh();
        missed = false;
      });
      next.addEventListener("folders", onFolders as EventListener);
      next.addEventListener("replying", ((message: MessageEvent<string>) =>
        publishReplying(JSON.parse(message.data) as LiveReplyingEvent)) as EventListener);
      next.addEventListener("end", () => {
        ended = true;
        disconnect();
      });
      next.onerror = () => {
        disconnect();
        missed = true;
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt++) * (0.8 + Math.random() * 0.4);
        retry = setTimeout(connect, delay);
      };
    };
    const onVisibility = () => {
      clearTimeout(hidden);
      if (document.visibilityState === "hidden") {
        hidden = setTimeout(() => {
          disconnect();
          missed = true;
        }, HIDDEN_CLOSE_MS);
      } else if (!source && !ended) {
        attempt = 0;
        connect();
      }
    };

    connect();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      clearTimeout(hidden);
      clearTimeout(settle);
      ended = true;
      disconnect();
    };
  }, [router]);

  const text = useSyncExternalStore(
    (listener) => {
      announcer.listeners.add(listener);
      return () => announcer.listeners.delete(listener);
    },
    () => announcer.text,
    () => "",
  );
  return (
    <p role="status" className="sr-only">
      {text}
    </p>
  );
}

const COUNT_PREFIX = /^\(\d+\) /;

/** The open folder, for LiveMailStream, and its unread count in the tab's title: "(3) Inbox – …". */
export function OpenFolder({ folderId, total, unread, at }: Open & { at: number }) {
  const shown = useUnreadCount(folderId, unread, at);

  useEffect(() => {
    open = { folderId, total, unread: shown };
    return () => {
      if (open?.folderId === folderId) open = null;
    };
  }, [folderId, total, shown]);

  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(COUNT_PREFIX, "");
      const wanted = shown > 0 ? `(${shown}) ${base}` : base;
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next.js sets the title again on each navigation (metadata); keep the count on it.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(COUNT_PREFIX, "");
    };
  }, [shown]);
  return null;
}
