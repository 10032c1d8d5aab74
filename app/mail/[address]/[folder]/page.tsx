import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { FolderPane } from "@/components/mail/FolderPane";
import { MessageList } from "@/components/mail/MessageList";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/current-actor";
import { DomainError } from "@/lib/errors";
import { findFolder, listFolders } from "@/lib/mailboxes/folders";
import { listFolderPage, pageRequest } from "@/lib/messages/list-messages";

type Props = {
  params: Promise<{ address: string; folder: string }>;
  searchParams: Promise<{ after?: string }>;
};

export default async function FolderPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const { address, folder: segment } = await params;
  const { after } = await searchParams;
  const db = getDb();
  try {
    const { access, folders } = await listFolders(db, actor, { address: decodeURIComponent(address) });
    const folder = findFolder(folders, segment);
    const page = await listFolderPage(db, { orgId: access.mailbox.orgId, id: folder.id }, pageRequest({ after }));
    const locale = await getLocale();
    return (
      <div className="flex min-h-0 flex-1">
        <FolderPane mailbox={access.mailbox} folders={folders} currentFolderId={folder.id} locale={locale} />
        <MessageList
          mailboxAddress={access.mailbox.address}
          folder={folder}
          rows={page.rows}
          next={page.older}
          locale={locale}
        />
      </div>
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === "notFound") notFound();
    throw error;
  }
}
