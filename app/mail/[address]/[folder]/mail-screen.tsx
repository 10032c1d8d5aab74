import type { Metadata } from "next";
import { orNotFound } from "@/app/_lib/or-not-found";
import { getLocale, getTranslations } from "next-intl/server";
import { FolderPane } from "@/components/mail/FolderPane";
import { QuotaBanner } from "@/components/mail/QuotaBanner";
import { MessageListPane } from "@/components/mail/MessageListPane";
import { ReadingPane } from "@/components/mail/ReadingPane";
import { getDb } from "@/db/client";
import { wellKnownKind } from "@/lib/mailboxes/folder-kinds";
import { recordMailboxOpen } from "@/lib/audit/record-mailbox-open";
import { requireActor } from "@/app/_lib/current-actor";
import { loadMailViewWith } from "@/lib/mailboxes/mail-view";
import { addressParam, type ListQuery } from "@/lib/mailboxes/url";
import { quotaStatus } from "@/lib/quota/status";
import { listPaneMailboxes } from "@/lib/shared-folders/pane-mailboxes";
import type { MailActions } from "@/components/mail/mail-actions";
import {
  createFolderAction,
  deleteFolderAction,
  emptyFolderAction,
  messagesAction,
  moveFolderAction,
  renameFolderAction,
} from "../actions";
import { addSharedFolderAction, loadAddableMailboxes, removeSharedFolderAction } from "../../shared/actions";

/** The mail screen's server actions, handed to its components as props (components never import app/). */
const MAIL_ACTIONS: MailActions = {
  folders: {
    create: createFolderAction,
    rename: renameFolderAction,
    move: moveFolderAction,
    remove: deleteFolderAction,
  },
  sharedFolders: { add: addSharedFolderAction, remove: removeSharedFolderAction, loadAddable: loadAddableMailboxes },
  messages: messagesAction,
  emptyFolder: emptyFolderAction,
};

export type MailSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The tab's title, from the URL alone (a user folder's name would need the access check). */
export async function mailMetadata(params: Promise<{ address: string; folder: string }>): Promise<Metadata> {
  const { address, folder } = await params;
  const t = await getTranslations("mail");
  const mailbox = addressParam(address);
  const kind = wellKnownKind(folder);
  return { title: kind ? t("pageTitle", { folder: t(`folderKind.${kind}`), mailbox }) : mailbox };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * The three panes, for /mail/{address}/{folder} and /mail/{address}/{folder}/{messageId}. A mailbox,
 * folder or message the actor may not open is a 404, whatever the reason.
 */
export async function MailScreen({
  params,
  searchParams,
}: {
  params: { address: string; folder: string; messageId?: string };
  searchParams: Awaited<MailSearchParams>;
}) {
  const actor = await requireActor();
  const query: ListQuery = {
    q: one(searchParams.q)?.slice(0, 200),
    scope: one(searchParams.scope),
    after: one(searchParams.after),
    before: one(searchParams.before),
  };
  const showImages = one(searchParams.images) === "1";
  const db = getDb();
  const { view, alongside: tree } = await orNotFound(
    loadMailViewWith(
      db,
      actor,
      {
        address: addressParam(params.address),
        folder: params.folder,
        messageId: params.messageId,
        query,
        showImages,
        keepUnread: one(searchParams.unread) === "1",
      },
      () => listPaneMailboxes(db, actor),
    ),
  );
  const [t, locale, quota] = await Promise.all([
    getTranslations("mail"),
    getLocale(),
    quotaStatus(db, view.access.mailbox),
    recordMailboxOpen(db, actor, view.access),
  ]);
  const folderName = view.folder.kind === "user" ? view.folder.name : t(`folderKind.${view.folder.kind}`);
  return (
    <>
      <QuotaBanner status={quota} />
      <div className="flex min-h-0 flex-1">
        <FolderPane
          mailbox={view.access.mailbox}
          isOwner={view.access.isOwner}
          folders={view.folders}
          current={view.folder}
          tree={tree}
          locale={locale}
          actions={MAIL_ACTIONS}
        />
        <main id="main" aria-labelledby="page-title" className="flex min-w-0 flex-1">
          <h1 id="page-title" className="sr-only">
            {t("pageTitle", { folder: folderName, mailbox: view.access.mailbox.address })}
          </h1>
          <MessageListPane view={view} query={query} openId={view.message?.detail.id ?? null} actions={MAIL_ACTIONS} />
          <ReadingPane
            view={view}
            query={query}
            showImages={showImages}
            locale={locale}
            messagesAction={MAIL_ACTIONS.messages}
          />
        </main>
      </div>
    </>
  );
}
