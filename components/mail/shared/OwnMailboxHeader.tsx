"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { SharedFolderActions } from "../mail-actions";
import { AddSharedFolderDialog, type AddSharedFolderDialogHandle } from "./AddSharedFolderDialog";
import { ContextMenu, menuItemClass } from "./ContextMenu";
import { useStateMessage } from "./use-state-message";

/**
 * The top of the folder pane: the user's own mailbox. A right-click on it opens a menu with
 * "Add shared folder…" (R7); the same is a visible link, which before JavaScript loads goes to
 * the /mail/shared/add page and afterwards opens the dialog.
 */
export function OwnMailboxHeader({
  displayName,
  address,
  inTree,
  actions,
  toggle,
  badge,
}: {
  /** The collapse chevron (PaneCollapseButton: submits the pane's one collapse form), before the name. */
  toggle?: React.ReactNode;
  /** A collapsed mailbox's Inbox unread count (InboxUnread), after the name. */
  badge?: React.ReactNode;
  displayName: string;
  address: string;
  /** Addresses of the mailboxes already in the tree (not suggested again). */
  inTree: string[];
  actions: Pick<SharedFolderActions, "add" | "loadAddable">;
}) {
  const t = useTranslations("shared");
  const message = useStateMessage();
  const dialog = useRef<AddSharedFolderDialogHandle>(null);
  const [status, setStatus] = useState("");

  return (
    <div className="px-3 pt-3">
      <ContextMenu
        label={t("mailboxMenu", { name: displayName })}
        items={
          <button type="button" role="menuitem" className={menuItemClass} onClick={() => dialog.current?.open()}>
            {t("addSharedFolderMenu")}
          </button>
        }
      >
        <div className="flex items-center gap-1">
          {toggle}
          <div className="min-w-0 truncate text-sm font-semibold" title={address} data-testid="own-mailbox">
            {displayName}
          </div>
          {badge}
        </div>
      </ContextMenu>
      <a
        href="/mail/shared/add"
        className="mt-1 inline-block text-xs text-brand-700 underline hover:no-underline"
        onClick={(event) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          dialog.current?.open();
        }}
      >
        {t("addSharedFolder")}
      </a>
      <p role="status" aria-live="polite" className="text-xs text-green-800">
        {status}
      </p>
      <AddSharedFolderDialog
        ref={dialog}
        inTree={inTree}
        actions={actions}
        onAdded={(state) => setStatus(message(state.message ?? "added", state.values))}
      />
    </div>
  );
}
