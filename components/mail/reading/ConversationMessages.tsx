import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { listDateFormat } from "@/components/mail/list-date-format";
import type { ConversationMessage } from "@/lib/conversations/conversation-list";
import { folderSegment } from "@/lib/mailboxes/folder-kinds";
import { messagePath } from "@/lib/mailboxes/url";

type Props = {
  address: string;
  /** The open message. */
  openId: string;
  /** The list's folder and its query string: a message in that folder opens beside the same list. */
  list: { folderId: string; query: string };
  messages: ConversationMessage[];
  /** At most this many are read (the newest): the list says when there may be more. */
  max: number;
};

/**
 * The open message's conversation in its mailbox, newest first: one line per message (who, when,
 * the start of its text, its folder when not the list's), each opening that message in the reading
 * pane. Shown when the conversation has more than one message.
 */
export async function ConversationMessages({ address, openId, list, messages, max }: Props) {
  if (messages.length < 2) return null;
  const [t, tMail, tKind, dates] = await Promise.all([
    getTranslations("mail.conversations"),
    getTranslations("mail"),
    getTranslations("mail.folderKind"),
    listDateFormat(),
  ]);
  return (
    <details open className="border-b px-6 py-2 text-sm border-slate-200" data-testid="conversation">
      <summary className="cursor-pointer font-medium">
        {t("heading")} · {t("count", { count: messages.length })}
      </summary>
      <ol className="mt-1 divide-y divide-slate-100">
        {messages.map((m) => {
          const here = m.folderId === list.folderId;
          const segment = folderSegment({ id: m.folderId, kind: m.folderKind });
          const href = `${messagePath(address, segment, m.id)}${here ? list.query : ""}`;
          const current = m.id === openId;
          return (
            <li key={m.id} className={`py-1 ${m.seen ? "" : "font-semibold"}`}>
              <Link
                href={href}
                aria-current={current ? "true" : undefined}
                className="flex gap-2 hover:underline aria-[current=true]:text-brand-700"
              >
                <span className="w-40 shrink-0 truncate">{m.fromName || m.fromAddress}</span>
                <span className="min-w-0 flex-1 truncate font-normal text-slate-600">
                  {here ? null : (
                    <span className="mr-1 rounded bg-slate-100 px-1">
                      {t("inFolder", { folder: m.folderKind === "user" ? m.folderName : tKind(m.folderKind) })}
                    </span>
                  )}
                  {m.snippet.slice(0, 100) || m.subject || tMail("noSubject")}
                </span>
                <time dateTime={m.receivedAt.toISOString()} className="shrink-0 text-xs font-normal text-slate-500">
                  {dates.format(m.receivedAt)}
                </time>
                {current && <span className="sr-only">({t("current")})</span>}
              </Link>
            </li>
          );
        })}
      </ol>
      {messages.length >= max && <p className="text-xs text-slate-500">{t("more", { max })}</p>}
    </details>
  );
}
