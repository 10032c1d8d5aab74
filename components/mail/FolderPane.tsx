import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import type { AccessibleMailbox } from "@/lib/access/mailbox-access";
import { formatBytesPair } from "@/lib/format/bytes";
import {
  buildFolderTree,
  flattenTree,
  folderPath,
  isInDeletedItems,
  subtreeIds,
} from "@/lib/mailboxes/folder-hierarchy";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import type { PaneMailboxes as Tree } from "@/lib/shared-folders/pane-mailboxes";
import { FolderTools } from "./FolderTools";
import { MailboxFolders } from "./MailboxFolders";
import type { MailActions } from "./mail-actions";
import { SharedMailboxesSection } from "./shared/SharedMailboxesSection";
import { InboxUnread } from "./shared/InboxUnread";
import { OwnMailboxHeader } from "./shared/OwnMailboxHeader";
import { PaneCollapseButton, PaneCollapseForm } from "./shared/PaneCollapseButton";
import { HideFoldersControl } from "./PhonePanes";

type Props = {
  /** The mailbox open in the page (the user's own, or one they reach by Full Access). */
  mailbox: AccessibleMailbox;
  isOwner: boolean;
  folders: FolderSummary[];
  current: FolderSummary;
  /** The user's own mailbox, then the shared mailboxes of their tree. */
  tree: Tree;
  /** When the folders and the tree were read (server time), for their unread counts. */
  at: number;
  locale: string;
  actions: Pick<MailActions, "folders" | "sharedFolders">;
};

/**
 * The folder pane: the user's own mailbox (right-click: Add shared folder) with its folders, the
 * shared mailboxes of their tree below it, tools for the open folder, the open mailbox's quota.
 */
export async function FolderPane({ mailbox, isOwner, folders, current, tree, at, locale, actions }: Props) {
  const t = await getTranslations("mail");
  const own = tree.own;
  const nameOf = (f: FolderSummary) => (f.kind === "user" ? f.name : t(`folderKind.${f.kind}`));
  const options = flattenTree(buildFolderTree(folders)).map(({ folder }) => ({
    id: folder.id,
    label: folderPath(folders, folder.id, nameOf),
  }));
  const below = subtreeIds(folders, current.id);
  const percent = Math.min(100, Math.round((mailbox.usedBytes / mailbox.quotaBytes) * 100));
  return (
    <nav
      aria-labelledby="folders-heading"
      className="folder-pane flex w-64 shrink-0 flex-col border-r bg-white border-slate-200"
    >
      <h2 id="folders-heading" className="sr-only">
        {t("folders")}
      </h2>
      <div className="space-y-2 px-3 pt-3">
        <HideFoldersControl />
        <Link
          href={`/mail/compose?mailbox=${encodeURIComponent(mailbox.address)}`}
          data-shortcut="new"
          aria-keyshortcuts="N"
          className={
            "block rounded bg-brand-600 px-3 py-1.5 text-center text-sm font-medium text-white " + "hover:bg-brand-700"
          }
        >
          {t("newMessage")}
        </Link>
      </div>
      <div className="flex-1 overflow-y-auto">
        <PaneCollapseForm action={actions.sharedFolders.collapse} />
        <section aria-label={own.mailbox.address} data-testid="own-mailbox-folders">
          <OwnMailboxHeader
            displayName={own.mailbox.displayName}
            address={own.mailbox.address}
            inTree={tree.shared.map((m) => m.mailbox.address)}
            actions={actions.sharedFolders}
            toggle={
              <PaneCollapseButton mailboxId={own.mailbox.id} name={own.mailbox.displayName} collapsed={own.collapsed} />
            }
            badge={own.collapsed && <InboxUnread folders={own.folders} at={at} />}
          />
          {!own.collapsed && (
            <MailboxFolders
              address={own.mailbox.address}
              folders={own.folders}
              currentId={isOwner ? current.id : null}
              at={at}
              collapsed={tree.collapsedFolders}
            />
          )}
        </section>
        <SharedMailboxesSection
          tree={tree}
          current={isOwner ? null : { mailbox, folders, folderId: current.id }}
          removeAction={actions.sharedFolders.remove}
          at={at}
        />
      </div>
      <FolderTools
        mailbox={mailbox.address}
        options={options}
        current={{
          id: current.id,
          name: current.name,
          isUser: current.kind === "user",
          parentId: current.parentId,
          inDeletedItems: isInDeletedItems(folders, current.id),
        }}
        moveTargets={options.filter((o) => !below.has(o.id))}
        actions={actions.folders}
      />
      <div className="border-t p-3 text-xs text-slate-600 border-slate-200">
        <div className="mb-1" id="quota-label">
          {t("quota")}
          {!isOwner && <span className="block truncate">{mailbox.address}</span>}
        </div>
        <meter
          className="w-full"
          aria-labelledby="quota-label"
          min={0}
          max={100}
          low={90}
          high={95}
          optimum={0}
          value={percent}
        />
        <div>
          {(({ part, whole }) => t("quotaUsed", { used: part, quota: whole }))(
            formatBytesPair(mailbox.usedBytes, mailbox.quotaBytes, locale),
          )}
        </div>
      </div>
    </nav>
  );
}
