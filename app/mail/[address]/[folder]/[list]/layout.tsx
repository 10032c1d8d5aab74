import { getTimeZone } from "next-intl/server";
import { orNotFound } from "@/app/_lib/or-not-found";
import { requireActor } from "@/app/_lib/current-actor";
import { OpenFolder } from "@/components/mail/LiveMail";
import { MessageListPane } from "@/components/mail/MessageListPane";
import { getDb } from "@/db/client";
import { loadListView } from "@/lib/mailboxes/mail-view";
import { parseListSegment } from "@/lib/mailboxes/screen-route";
import { addressParam } from "@/lib/mailboxes/url";
import { MAIL_ACTIONS, mailboxFolders, type ScreenParams } from "../screen";

/**
 * The message list, keyed by folder and by its search and page (the `list` segment): kept while
 * messages open beside it, rendered again when it pages, searches or changes folder.
 */
export default async function ListLayout({
  params,
  children,
}: {
  params: Promise<ScreenParams & { list: string }>;
  children: React.ReactNode;
}) {
  const { address, folder, list } = await params;
  const actor = await requireActor();
  const query = parseListSegment(list);
  const { access, folders, at } = await orNotFound(mailboxFolders(addressParam(address), folder));
  // A search's before: and after: dates are days of the calendar the page shows dates in.
  const timeZone = await getTimeZone();
  const view = await orNotFound(loadListView(getDb(), actor, access, folders, { folder, query, timeZone }));
  return (
    <>
      <OpenFolder folderId={view.folder.id} total={view.folder.totalCount} unread={view.folder.unreadCount} at={at} />
      <MessageListPane view={{ access, folders, ...view }} query={query} at={at} actions={MAIL_ACTIONS} />
      {children}
    </>
  );
}
