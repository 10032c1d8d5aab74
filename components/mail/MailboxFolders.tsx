import { getTranslations } from "next-intl/server";
import { visibleFolders } from "@/lib/mailboxes/folder-hierarchy";
import { folderSegment } from "@/lib/mailboxes/folder-kinds";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import { FolderLinks, type FolderLinkRow } from "./FolderLinks";

/**
 * One mailbox's folders, nested, with unread counts read at `at`; `currentId` is the open folder,
 * if here. The subfolders of the folders in `collapsed` (the person's choice) are left out.
 */
export async function MailboxFolders({
  address,
  folders,
  currentId,
  at,
  collapsed,
}: {
  address: string;
  folders: FolderSummary[];
  currentId: string | null;
  at: number;
  collapsed: ReadonlySet<string>;
}) {
  const t = await getTranslations("mail");
  const rows = visibleFolders(folders, collapsed, currentId).map(({ folder: f, depth, fold }): FolderLinkRow => [
    f.id,
    depth,
    folderSegment(f),
    f.kind === "user" ? f.name : t(`folderKind.${f.kind}`),
    f.unreadCount,
    fold,
  ]);
  return (
    <div className="py-1">
      <FolderLinks rows={rows} address={address} currentId={currentId ?? ""} at={at} />
    </div>
  );
}
