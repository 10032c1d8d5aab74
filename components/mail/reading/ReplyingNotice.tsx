"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { Replier } from "@/lib/replies/presence";
import { conversationKey, useLiveRepliers, type ShownReplier } from "../replying-state";

/**
 * "Claire is replying to this conversation…" above a shared mailbox's message (and in a reply form):
 * who else has a reply form open on the conversation, as the page read it, then as the live stream
 * says. Each name goes when its replier's presence lapses, without waiting for the server.
 */
export function ReplyingNotice({
  mailboxId,
  threadId,
  initial,
}: {
  mailboxId: string;
  threadId: string;
  initial: Replier[];
}) {
  const t = useTranslations("mail");
  const format = useFormatter();
  const [first] = useState<ShownReplier[]>(() => initial.map((p) => ({ name: p.name, until: Date.now() + p.leftMs })));
  const live = useLiveRepliers(conversationKey(mailboxId, threadId));
  const people = live ?? first;
  const [now, setNow] = useState(() => Date.now());
  const nextLapse = Math.min(...people.map((p) => p.until).filter((u) => u > now));
  useEffect(() => {
    if (!Number.isFinite(nextLapse)) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, nextLapse - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [nextLapse]);

  const names = people.filter((p) => p.until > now).map((p) => p.name);
  return (
    <div role="status" aria-live="polite">
      {names.length > 0 && (
        <p className="mx-4 mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("replying", { count: names.length, names: format.list(names, { type: "conjunction" }) })}
        </p>
      )}
    </div>
  );
}
