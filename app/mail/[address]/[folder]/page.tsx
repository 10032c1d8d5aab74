import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { FolderPane } from "@/components/mail/FolderPane";
import { MessageList } from "@/components/mail/MessageList";
import { QuotaBanner } from "@/components/mail/QuotaBanner";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/current-actor";
import { DomainError } from "@/lib/errors";
import { findFolder, listFolders } from "@/lib/mailboxes/folders";
import { decodeCursor, listFolderPage } from "@/lib/messages/list-messages";
import { quotaStatus } from "@/lib/quota/status";

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
    const page = await listFolderPage(db, { orgId: access.mailbox.orgId, id: folder.id }, decodeCursor(after));
    const locale = await getLocale();
    const quota = await quotaStatus(db, access.mailbox);
    return (
      <>
      <QuotaBanner status={quota} />
      <div className="flex min-h-0 flex-1">
        <FolderPane mailbox={access.mailbox} folders={folders} currentFolderId={folder.id} locale={locale} />
        <MessageList
          mailboxAddress={access.mailbox.address}
          folder={folder}
          rows={page.rows}
          next={page.next}
          locale={locale}
        />
      </div>
      </>
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === "notFound") notFound();
    throw error;
  }
}
