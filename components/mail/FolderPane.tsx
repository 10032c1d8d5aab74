import Link from "next/link";
import { getTranslations } from "next-intl/server";
import {
  createFolderAction,
  deleteFolderAction,
  moveFolderAction,
  renameFolderAction,
} from "@/app/mail/[address]/actions";
import type { AccessibleMailbox } from "@/lib/access/mailbox-access";
import { formatBytes } from "@/lib/format/bytes";
import { buildFolderTree, flattenTree, folderPath, isInDeletedItems, subtreeIds } from "@/lib/mailboxes/folder-tree";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import { FolderTools } from "./FolderTools";
import { FolderTree } from "./FolderTree";

type Props = {
  mailbox: AccessibleMailbox;
  isOwner: boolean;
  ownAddress: string;
  folders: FolderSummary[];
  current: FolderSummary;
  locale: string;
};

/** The folder pane: the mailbox's folder tree with unread counts, folder tools, quota at the foot. */
export async function FolderPane({ mailbox, isOwner, ownAddress, folders, current, locale }: Props) {
  const t = await getTranslations("mail");
  const nameOf = (f: FolderSummary) => (f.kind === "user" ? f.name : t(`folderKind.${f.kind}`));
  const tree = buildFolderTree(folders);
  const options = flattenTree(tree).map(({ folder }) => ({ id: folder.id, label: folderPath(folders, folder.id, nameOf) }));
  const below = subtreeIds(folders, current.id);
  const percent = Math.min(100, Math.round((mailbox.usedBytes / mailbox.quotaBytes) * 100));
  return (
    <nav aria-labelledby="folders-heading" className="flex w-64 shrink-0 flex-col border-r bg-white border-slate-200">
      <h2 id="folders-heading" className="sr-only">
        {t("folders")}
      </h2>
      <div className="space-y-2 px-3 pt-3">
        <Link
          href={`/mail/compose?mailbox=${encodeURIComponent(mailbox.address)}`}
          prefetch={false}
          className="block rounded bg-brand-600 px-3 py-1.5 text-center text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("newMessage")}
        </Link>
        <div className="truncate text-sm font-semibold" title={mailbox.address}>
          {mailbox.displayName}
          <span className="block truncate text-xs font-normal text-slate-500">{mailbox.address}</span>
        </div>
        {!isOwner && (
          <Link href={`/mail/${encodeURIComponent(ownAddress)}/inbox`} className="block text-xs text-brand-700 underline">
            {t("myMailbox")}
          </Link>
        )}
      </div>
      <div className="flex-1 overflow-y-auto py-2">
        <FolderTree
          nodes={tree}
          address={mailbox.address}
          currentId={current.id}
          names={Object.fromEntries(folders.map((f) => [f.id, nameOf(f)]))}
          unreadLabel={(count) => t("unreadCount", { count })}
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
        actions={{
          create: createFolderAction,
          rename: renameFolderAction,
          move: moveFolderAction,
          remove: deleteFolderAction,
        }}
      />
      <div className="border-t p-3 text-xs text-slate-600 border-slate-200">
        <div className="mb-1" id="quota-label">
          {t("quota")}
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
          {t("quotaUsed", { used: formatBytes(mailbox.usedBytes, locale), quota: formatBytes(mailbox.quotaBytes, locale) })}
        </div>
      </div>
    </nav>
  );
}
