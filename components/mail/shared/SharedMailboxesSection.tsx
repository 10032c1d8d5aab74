import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import type { AccessibleMailbox } from "@/lib/access/mailbox-access";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import type { PaneMailboxes as Tree } from "@/lib/shared-folders/pane-mailboxes";
import type { FormAction } from "@/components/form-action";
import { MailboxFolders } from "../MailboxFolders";
import { RemoveSharedFolderForm } from "./RemoveSharedFolderForm";
import { SearchAllForm } from "./SearchAllForm";
import { InboxUnread } from "./InboxUnread";
import { PaneCollapseButton } from "./PaneCollapseButton";
import { SharedMailboxHeader } from "./SharedMailboxHeader";

type Props = {
  tree: Tree;
  /** The mailbox and folder open in the page, if any. */
  current?: { mailbox: AccessibleMailbox; folders: FolderSummary[]; folderId: string } | null;
  removeAction: FormAction;
  /** When the counts were read (server time). */
  at: number;
};

/**
 * The folder pane below the user's own mailbox: each shared or delegated mailbox of the tree
 * (automapped or added) with its folders and unread counts, and "Remove shared folder". A
 * mailbox opened by URL that is not in the tree (Full Access, removed or not automapped) is
 * shown too, with a way to add it. Then the "search all my mailboxes" box.
 */
export async function SharedMailboxesSection({ tree, current, removeAction, at }: Props) {
  const t = await getTranslations("shared");
  const currentId = current?.mailbox.id;
  const outside =
    current && currentId !== tree.own.mailbox.id && !tree.shared.some((m) => m.mailbox.id === currentId)
      ? current
      : null;
  return (
    <div className="border-t" data-testid="mailbox-tree">
      <h2 className="sr-only">{t("sharedMailboxes")}</h2>
      <RemoveSharedFolderForm action={removeAction} />
      {tree.shared.map(({ mailbox, folders, collapsed }) => (
        <section
          key={mailbox.id}
          aria-labelledby={`tree-${mailbox.id}`}
          className={`border-b last:border-b-0${collapsed ? " pb-2" : ""}`}
        >
          <SharedMailboxHeader
            headingId={`tree-${mailbox.id}`}
            mailboxId={mailbox.id}
            address={mailbox.address}
            displayName={mailbox.displayName}
            removable
            toggle={<PaneCollapseButton mailboxId={mailbox.id} name={mailbox.displayName} collapsed={collapsed} />}
            badge={collapsed && <InboxUnread folders={folders} at={at} />}
          />
          {!collapsed && (
            <MailboxFolders
              address={mailbox.address}
              folders={folders}
              currentId={mailbox.id === currentId ? (current?.folderId ?? null) : null}
              at={at}
              collapsed={tree.collapsedFolders}
            />
          )}
        </section>
      ))}
      {outside && (
        <section aria-labelledby={`tree-${outside.mailbox.id}`} className="border-t bg-slate-50">
          <p className="px-3 pt-2 text-xs uppercase tracking-wide text-slate-500">{t("openedMailbox")}</p>
          <SharedMailboxHeader
            headingId={`tree-${outside.mailbox.id}`}
            mailboxId={outside.mailbox.id}
            address={outside.mailbox.address}
            displayName={outside.mailbox.displayName}
            removable={false}
          />
          <p className="px-3 text-xs text-slate-600">
            {t("notInFolders")}{" "}
            <Link
              className="text-brand-700 underline"
              href={`/mail/shared/add?mailbox=${encodeURIComponent(outside.mailbox.address)}`}
            >
              {t("addToFolders")}
            </Link>
          </p>
          <MailboxFolders
            address={outside.mailbox.address}
            folders={outside.folders}
            currentId={outside.folderId}
            at={at}
            collapsed={tree.collapsedFolders}
          />
        </section>
      )}
      <SearchAllForm />
    </div>
  );
}
