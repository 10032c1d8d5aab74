import { getLocale } from "next-intl/server";
import { orNotFound } from "@/app/_lib/or-not-found";
import { requireActor } from "@/app/_lib/current-actor";
import { FreshCounts } from "@/components/mail/FreshCounts";
import { ReadingPane } from "@/components/mail/ReadingPane";
import { getDb } from "@/db/client";
import { recordMailboxOpen } from "@/lib/audit/record-mailbox-open";
import { loadReadingView } from "@/lib/mailboxes/mail-view";
import { parseListSegment } from "@/lib/mailboxes/screen-route";
import { addressParam } from "@/lib/mailboxes/url";
import { parseForReading } from "@/lib/messages/parse-for-reading";
import { listNotes } from "@/lib/notes/notes";
import { repliersOnMessage } from "@/lib/replies/presence";
import { conversationTriage } from "@/lib/conversations/triage";
import { CONVERSATION_SHOWN, conversationMessages } from "@/lib/conversations/conversation-list";
import { readerIn } from "@/lib/messages/read-state";
import { MAIL_ACTIONS, mailMetadata, one, openedMessage, screenFolder, type MailSearchParams } from "../../screen";

type Params = { address: string; folder: string; list: string; messageId: string };
type Props = { params: Promise<Params>; searchParams: MailSearchParams };

export const generateMetadata = ({ params }: Props) => mailMetadata(params);

/**
 * The reading pane, alone in the response of a client navigation from the list. Opening marks the
 * message read: the folder counts read after that go with it, for the pane and the list to show
 * (FreshCounts), without fetching them again.
 */
export default async function MessagePage({ params, searchParams }: Props) {
  const { address: segment, folder: folderSegment, list, messageId } = await params;
  const address = addressParam(segment);
  const showImages = one((await searchParams).images) === "1";
  const actor = await requireActor();
  const db = getDb();
  const opened = await orNotFound(openedMessage(address, folderSegment, messageId));
  const reading = parseForReading(opened.raw);
  reading.catch(() => {}); // awaited in loadReadingView
  const { access, folders, folder, at } = await orNotFound(screenFolder(address, folderSegment));
  const shared = access.mailbox.kind === "shared";
  const [message, locale, notes, replying, triage, conversation] = await Promise.all([
    loadReadingView(db, opened, { showImages, reading }),
    getLocale(),
    shared ? listNotes(db, actor, address, messageId) : null,
    shared ? repliersOnMessage(db, actor, messageId) : null,
    shared ? conversationTriage(db, actor, address, messageId) : null,
    actor.conversationView
      ? conversationMessages(db, opened.access.mailbox, opened.message, readerIn(opened.access, actor.id))
      : undefined,
    recordMailboxOpen(db, actor, access),
  ]);
  return (
    <>
      <ReadingPane
        view={{ access, folders, folder, message }}
        query={parseListSegment(list)}
        showImages={showImages}
        locale={locale}
        messagesAction={MAIL_ACTIONS.messages}
        notes={
          notes
            ? { list: notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })), actions: MAIL_ACTIONS.notes }
            : undefined
        }
        replying={replying}
        conversation={conversation && { messages: conversation, max: CONVERSATION_SHOWN }}
        triage={
          triage
            ? {
                shown: { assignee: triage.assignee, done: triage.done, delegates: triage.delegates, self: actor.id },
                action: MAIL_ACTIONS.triage,
              }
            : undefined
        }
      />
      <FreshCounts
        at={at}
        unread={Object.fromEntries(folders.map((f) => [f.id, f.unreadCount]))}
        seen={opened.message.seen ? [messageId] : []}
        conversation={conversation?.filter((m) => m.folderId === folder.id).map((m) => m.id)}
      />
    </>
  );
}
