import { getLocale, getTranslations } from "next-intl/server";
import { orNotFound } from "@/app/_lib/or-not-found";
import { requireActor } from "@/app/_lib/current-actor";
import { FolderPane } from "@/components/mail/FolderPane";
import { PhonePaneSwitch } from "@/components/mail/PhonePanes";
import { QuotaBanner } from "@/components/mail/QuotaBanner";
import { getDb } from "@/db/client";
import { recordMailboxOpen } from "@/lib/audit/record-mailbox-open";
import { addressParam } from "@/lib/mailboxes/url";
import { quotaStatus } from "@/lib/quota/status";
import { listPaneMailboxes } from "@/lib/shared-folders/pane-mailboxes";
import { MAIL_ACTIONS, screenFolder, type ScreenParams } from "./screen";

/**
 * The folder pane and the frame of the mail screen: rendered on a full load and when the mailbox
 * or folder changes, kept while the list pages and messages open. A mailbox or folder the actor
 * may not open is a 404, whatever the reason.
 */
export default async function FolderLayout({
  params,
  children,
}: {
  params: Promise<ScreenParams>;
  children: React.ReactNode;
}) {
  const { address: segment, folder: folderSegment } = await params;
  const actor = await requireActor();
  const db = getDb();
  const { access, folders, folder, at } = await orNotFound(screenFolder(addressParam(segment), folderSegment));
  const [t, locale, quota, tree] = await Promise.all([
    getTranslations("mail"),
    getLocale(),
    quotaStatus(db, access.mailbox),
    listPaneMailboxes(db, actor),
    recordMailboxOpen(db, actor, access),
  ]);
  const folderName = folder.kind === "user" ? folder.name : t(`folderKind.${folder.kind}`);
  return (
    <>
      <QuotaBanner status={quota} />
      <div className="mail-screen flex min-h-0 flex-1">
        <PhonePaneSwitch />
        <FolderPane
          mailbox={access.mailbox}
          isOwner={access.isOwner}
          folders={folders}
          current={folder}
          tree={tree}
          at={at}
          locale={locale}
          actions={MAIL_ACTIONS}
        />
        <main id="main" aria-labelledby="page-title" className="mail-main flex min-w-0 flex-1">
          <h1 id="page-title" className="sr-only">
            {t("pageTitle", { folder: folderName, mailbox: access.mailbox.address })}
          </h1>
          {children}
        </main>
      </div>
    </>
  );
}
