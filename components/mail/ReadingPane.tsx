import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/components/form-action";
import { folderSegment } from "@/lib/mailboxes/folder-kinds";
import type { MailView } from "@/lib/mailboxes/mail-view";
import { listQueryString, messagePath, type ListQuery } from "@/lib/mailboxes/url";
import { MessageHeaders } from "./reading/MessageHeaders";
import { DeliveryStatusBlock } from "./reading/DeliveryStatusBlock";
import { AttachmentList, MessageBody } from "./reading/MessageBody";
import { ReadingToolbar } from "./reading/ReadingToolbar";
import { InternalNotes, type ShownNote } from "./reading/InternalNotes";
import { ReplyingNotice } from "./reading/ReplyingNotice";
import { ConversationTriage, type ShownTriage } from "./reading/ConversationTriage";
import type { ConversationRepliers } from "@/lib/replies/presence";
import type { ConversationMessage } from "@/lib/conversations/conversation-list";
import { ConversationMessages } from "./reading/ConversationMessages";

type Props = {
  view: Pick<MailView, "access" | "folders" | "folder" | "message">;
  query: ListQuery;
  showImages: boolean;
  locale: string;
  /** Move, delete, flag, mark read (the same action as the list toolbar). */
  messagesAction: FormAction;
  /** A shared mailbox's internal notes on the conversation (Full Access delegates), if it has them. */
  notes?: { list: ShownNote[]; actions: { add: FormAction; remove: FormAction } };
  /** A shared mailbox's conversation: who handles it, whether it is done, and the action that changes it. */
  triage?: { shown: ShownTriage; action: FormAction };
  /** Who else is replying in a shared mailbox's conversation. */
  replying?: ConversationRepliers | null;
  /** The open message's conversation, when the reader's lists show conversations. */
  conversation?: { messages: ConversationMessage[]; max: number };
};

/** The reading pane with no message open. */
export async function EmptyReadingPane() {
  const [t, tMail] = await Promise.all([getTranslations("mail.reader"), getTranslations("mail")]);
  return (
    <section aria-labelledby="reading-heading" className="hidden min-w-0 flex-1 flex-col bg-slate-50 lg:flex">
      <h2 id="reading-heading" className="sr-only">
        {tMail("reading")}
      </h2>
      <p className="m-auto text-slate-500">{t("nothingOpen")}</p>
    </section>
  );
}

/** The reading pane: its toolbar, the message's headers, its body, its attachments (reading/). */
export async function ReadingPane(props: Props) {
  const { view, query, showImages, locale, messagesAction, notes, replying, triage, conversation } = props;
  const { access, folders, folder, message } = view;
  if (!message) return <EmptyReadingPane />;
  const tMail = await getTranslations("mail");
  const d = message.detail;
  const address = access.mailbox.address;
  const segment = folderSegment(folder);
  const base = messagePath(address, segment, d.id);
  const listQuery = {
    q: query.q,
    scope: query.scope,
    after: query.after,
    before: query.before,
    triage: query.triage,
    show: query.show,
    sort: query.sort,
  };
  const subject = d.subject || tMail("noSubject");

  return (
    <section aria-labelledby="reading-heading" className="reading-pane flex min-w-0 flex-1 flex-col bg-white">
      <h2 id="reading-heading" className="sr-only">
        {tMail("reading")}
      </h2>
      <ReadingToolbar
        address={address}
        segment={segment}
        messageId={d.id}
        flagged={d.flagged}
        folders={folders}
        folderId={folder.id}
        listQuery={listQuery}
        messagesAction={messagesAction}
      />
      <article className="flex min-h-0 flex-1 flex-col" aria-labelledby="message-subject">
        {replying && (
          <ReplyingNotice mailboxId={replying.mailboxId} threadId={replying.threadId} initial={replying.people} />
        )}
        {triage && (
          <ConversationTriage mailbox={address} messageId={d.id} triage={triage.shown} action={triage.action} />
        )}
        <MessageHeaders detail={d} subject={subject} delivery={message.delivery} />
        {conversation && (
          <ConversationMessages
            address={address}
            openId={d.id}
            list={{ folderId: folder.id, query: listQueryString(listQuery) }}
            messages={conversation.messages}
            max={conversation.max}
          />
        )}
        <DeliveryStatusBlock status={message.content.deliveryStatus} />
        <MessageBody
          base={base}
          subject={subject}
          content={message.content}
          blockedImages={message.blockedImages}
          showImages={showImages}
          showImagesHref={`${base}${listQueryString(listQuery, { images: "1" })}`}
        />
        <AttachmentList base={base} content={message.content} locale={locale} />
        {notes && (
          <InternalNotes
            mailbox={address}
            messageId={d.id}
            notes={notes.list}
            locale={locale}
            actions={notes.actions}
          />
        )}
      </article>
    </section>
  );
}
