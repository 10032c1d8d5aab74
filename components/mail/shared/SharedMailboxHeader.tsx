"use client";

import Link from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { ContextMenu, menuItemClass } from "./ContextMenu";
import { REMOVE_FORM_ID } from "./RemoveSharedFolderForm";

/**
 * A shared mailbox's name in the tree. Right-click: "Remove shared folder" and "Activity"; both
 * are also visible small controls beside the name.
 */
export function SharedMailboxHeader({
  headingId,
  mailboxId,
  address,
  displayName,
  removable,
  toggle,
  badge,
}: {
  /** The collapse chevron (PaneCollapseButton: submits the pane's one collapse form), before the name. */
  toggle?: React.ReactNode;
  /** A collapsed mailbox's Inbox unread count (InboxUnread), after the name. */
  badge?: React.ReactNode;
  headingId: string;
  mailboxId: string;
  address: string;
  displayName: string;
  /** False for a mailbox opened by URL that is not in the tree. */
  removable: boolean;
}) {
  const t = useTranslations("shared");
  const activityHref = `/mail/${encodeURIComponent(address)}/audit`;
  const removeButton = (props: { className: string; role?: "menuitem"; children: React.ReactNode; label?: string }) => (
    <button
      type="submit"
      form={REMOVE_FORM_ID}
      name="mailboxId"
      value={mailboxId}
      role={props.role}
      aria-label={props.label}
      title={props.label}
      className={props.className}
    >
      {props.children}
    </button>
  );
  return (
    <ContextMenu
      label={t("mailboxMenu", { name: displayName })}
      className="flex items-center gap-1 px-3 pt-3"
      items={
        <>
          {removable && removeButton({ className: menuItemClass, role: "menuitem", children: t("removeSharedFolder") })}
          <Link role="menuitem" href={activityHref} className={menuItemClass}>
            {t("activity")}
          </Link>
        </>
      }
    >
      {toggle}
      <h3 id={headingId} className="min-w-0 flex-1 truncate text-sm font-semibold" title={address}>
        {displayName}
      </h3>
      {badge}
      <Link
        href={activityHref}
        aria-label={t("activityNamed", { name: displayName })}
        title={t("activityNamed", { name: displayName })}
        className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          className="h-3.5 w-3.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        >
          <circle cx="8" cy="8" r="6.25" />
          <path d="M8 4.5V8l2.5 1.5" strokeLinecap="round" />
        </svg>
      </Link>
      {removable &&
        removeButton({
          className: "rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900",
          label: t("removeNamed", { name: displayName }),
          children: <span aria-hidden="true">×</span>,
        })}
    </ContextMenu>
  );
}
