"use client";

import { useEffect } from "react";
import { HEARTBEAT_MS } from "@/lib/replies/timing";

const URL = "/api/mail/replying";

function post(messageId: string, active: boolean, beacon = false) {
  const data = new FormData();
  data.set("messageId", messageId);
  if (active) data.set("active", "on");
  if (beacon && navigator.sendBeacon?.(URL, data)) return;
  void fetch(URL, { method: "POST", body: data, keepalive: !active }).catch(() => {});
}

/**
 * While a reply form on a shared mailbox's message is open, tells the server so (at once, then every
 * HEARTBEAT_MS), and that it closed when it unmounts or the page is left — the others reading the
 * conversation see "… is replying" meanwhile (lib/replies/presence.ts).
 */
export function useReplyingPresence(messageId: string | undefined) {
  useEffect(() => {
    if (!messageId) return;
    post(messageId, true);
    const timer = setInterval(() => post(messageId, true), HEARTBEAT_MS);
    const onHide = () => post(messageId, false, true);
    const onShow = (event: PageTransitionEvent) => event.persisted && post(messageId, true);
    window.addEventListener("pagehide", onHide);
    window.addEventListener("pageshow", onShow);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("pageshow", onShow);
      post(messageId, false);
    };
  }, [messageId]);
}
