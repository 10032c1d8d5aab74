import { getTranslations } from "next-intl/server";
import { buildFolderTree } from "@/lib/mailboxes/folder-hierarchy";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import { FolderLinks } from "./FolderLinks";

/** One mailbox's folders, nested, with unread counts; `currentId` is the open folder, if here. */
export async function MailboxFolders({
  address,
  folders,
  currentId,
}: {
  address: string;
  folders: FolderSummary[];
  currentId: string | null;
}) {
  const t = await getTranslations("mail");
  // Folders often share a count: each plural form is formatted once.
  const labels = new Map<number, string>();
  const unreadLabel = (count: number) => {
    let label = labels.get(count);
    if (label === undefined) labels.set(count, (label = t("unreadCount", { count })));
    return label;
  };
  return (
    <div className="py-1">
      <FolderLinks
        nodes={buildFolderTree(folders)}
        address={address}
        currentId={currentId ?? ""}
        names={Object.fromEntries(folders.map((f) => [f.id, f.kind === "user" ? f.name : t(`folderKind.${f.kind}`)]))}
        unreadLabel={unreadLabel}
      />
    </div>
  );
}
