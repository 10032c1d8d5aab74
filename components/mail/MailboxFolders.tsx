import { getTranslations } from "next-intl/server";
import { buildFolderTree, flattenTree } from "@/lib/mailboxes/folder-hierarchy";
import { folderSegment } from "@/lib/mailboxes/folder-kinds";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import { FolderLinks, type FolderLinkRow } from "./FolderLinks";

/**
 * One mailbox's folders, nested, with unread counts read at `at`; `currentId` is the open folder,
 * if here.
 */
export async function MailboxFolders({
  address,
  folders,
  currentId,
  at,
}: {
  address: string;
  folders: FolderSummary[];
  currentId: string | null;
  at: number;
}) {
  const t = await getTranslations("mail");
  const rows = flattenTree(buildFolderTree(folders)).map(({ folder: f, depth }): FolderLinkRow => [
    f.id,
    depth,
    folderSegment(f),
    f.kind === "user" ? f.name : t(`folderKind.${f.kind}`),
    f.unreadCount,
  ]);
  return (
    <div className="py-1">
      <FolderLinks rows={rows} address={address} currentId={currentId ?? ""} at={at} />
    </div>
  );
}
