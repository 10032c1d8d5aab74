import { getTranslations } from "next-intl/server";
import { buildFolderTree } from "@/lib/mailboxes/folder-hierarchy";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import { FolderLinks } from "./FolderLinks";

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
  return (
    <div className="py-1">
      <FolderLinks
        nodes={buildFolderTree(folders)}
        address={address}
        currentId={currentId ?? ""}
        names={Object.fromEntries(folders.map((f) => [f.id, f.kind === "user" ? f.name : t(`folderKind.${f.kind}`)]))}
        at={at}
      />
    </div>
  );
}
