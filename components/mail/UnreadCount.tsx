"use client";

import { useTranslations } from "next-intl";
import { useUnreadCount } from "./fresh-state";

/**
 * A folder's unread count in the folder pane, kept fresh as messages open (fresh-state.ts). Beside
 * a collapsed mailbox's name, `inInbox` says whose count it is to a screen reader.
 */
export function UnreadCount({
  folderId,
  count,
  at,
  inInbox = false,
}: {
  folderId: string;
  count: number;
  at: number;
  inInbox?: boolean;
}) {
  const t = useTranslations("mail");
  const shown = useUnreadCount(folderId, count, at);
  if (shown <= 0) return null;
  return (
    <span className="font-semibold text-brand-700">
      <span aria-hidden="true">{shown}</span>
      <span className="sr-only">
        {inInbox ? t("unreadInInbox", { count: shown }) : t("unreadCount", { count: shown })}
      </span>
    </span>
  );
}
