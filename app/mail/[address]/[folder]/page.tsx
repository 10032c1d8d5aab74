import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { FolderPane } from "@/components/mail/FolderPane";
import { MessageList } from "@/components/mail/MessageList";
import { MailboxTree } from "@/components/mail/shared/MailboxTree";
import { OwnMailboxHeader } from "@/components/mail/shared/OwnMailboxHeader";
import { getDb } from "@/db/client";
import { recordMailboxOpen } from "@/lib/audit/record-mailbox-open";
import { requireActor } from "@/lib/auth/current-actor";
import { DomainError } from "@/lib/errors";
import { findFolder, listFolders } from "@/lib/mailboxes/folders";
import { decodeCursor, listFolderPage } from "@/lib/messages/list-messages";
import { listMailboxTree } from "@/lib/shared-folders/mailbox-tree";

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
    await recordMailboxOpen(db, actor, access);
    const tree = await listMailboxTree(db, actor);
    const page = await listFolderPage(db, { orgId: access.mailbox.orgId, id: folder.id }, decodeCursor(after));
    const locale = await getLocale();
    return (
      <div className="flex min-h-0 flex-1">
        <FolderPane
          mailbox={tree.own.mailbox}
          folders={tree.own.folders}
          currentFolderId={folder.id}
          locale={locale}
          header={
            <OwnMailboxHeader
              displayName={tree.own.mailbox.displayName}
              address={tree.own.mailbox.address}
              inTree={tree.shared.map((m) => m.mailbox.address)}
            />
          }
        >
          <MailboxTree tree={tree} current={{ mailbox: access.mailbox, folders, folderId: folder.id }} />
        </FolderPane>
        <MessageList
          mailboxAddress={access.mailbox.address}
          folder={folder}
          rows={page.rows}
          next={page.next}
          locale={locale}
        />
      </div>
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === "notFound") notFound();
    throw error;
  }
}
