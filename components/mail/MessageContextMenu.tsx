"use client";

import Link from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { ContextMenu, menuItemClass } from "./shared/ContextMenu";

/**
 * Right-click on a message of the list, as in Outlook on the web: Open, Reply, Reply all, Forward,
 * then what the toolbar does (mark read or unread, flag, unflag, delete) on the selection — which
 * becomes the clicked message alone when it was not in it. The action items are the list form's
 * own submit buttons, so the server does exactly what the toolbar's would. Every item also exists
 * as a visible control (the toolbar, the reading pane) for keyboard and touch.
 */
export function MessageContextMenu({
  address,
  hrefOf,
  isSelected,
  selectOnly,
  deleteForGood,
  children,
}: {
  address: string;
  /** Where a row's link goes (its message in the reading pane, or a draft in compose). */
  hrefOf: (id: string) => string | null;
  isSelected: (id: string) => boolean;
  selectOnly: (id: string) => void;
  deleteForGood: boolean;
  children: ReactNode;
}) {
  const t = useTranslations("mail");
  // The row the menu was opened on.
  const [menuId, setMenuId] = useState<string | null>(null);
  const compose = (param: string) =>
    `/mail/compose?mailbox=${encodeURIComponent(address)}&${param}=${encodeURIComponent(menuId ?? "")}`;
  const href = menuId ? hrefOf(menuId) : null;
  const action = (op: string, label: string) => (
    <button type="submit" name="op" value={op} role="menuitem" className={menuItemClass}>
      {label}
    </button>
  );
  return (
    <ContextMenu
      label={t("list.menu")}
      className="flex min-h-0 flex-1 flex-col"
      onOpen={(event) => {
        const id = (event.target as HTMLElement).closest<HTMLElement>("[data-row]")?.dataset.row;
        if (!id) return false;
        setMenuId(id);
        if (!isSelected(id)) flushSync(() => selectOnly(id));
        return true;
      }}
      items={
        menuId && (
          <>
            {href && (
              <Link href={href} role="menuitem" className={menuItemClass}>
                {t("list.open")}
              </Link>
            )}
            <Link href={compose("reply")} role="menuitem" className={menuItemClass}>
              {t("reader.reply")}
            </Link>
            <Link href={compose("replyAll")} role="menuitem" className={menuItemClass}>
              {t("reader.replyAll")}
            </Link>
            <Link href={compose("forward")} role="menuitem" className={menuItemClass}>
              {t("reader.forward")}
            </Link>
            <div role="separator" className="my-1 border-t border-slate-200" />
            {action("read", t("list.markRead"))}
            {action("unread", t("list.markUnread"))}
            {action("flag", t("list.flag"))}
            {action("unflag", t("list.unflag"))}
            {action("delete", deleteForGood ? t("list.deleteForGood") : t("list.delete"))}
          </>
        )
      }
    >
      {children}
    </ContextMenu>
  );
}
