import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { MailboxLike as Mailbox } from "@/lib/mime/format-address";
import { formatBytes } from "@/lib/format/bytes";
import {
  buildFolderTree,
  flattenTree,
  folderPath as pathOfFolder,
  isInDeletedItems,
} from "@/lib/mailboxes/folder-hierarchy";
import { folderSegment } from "@/lib/mailboxes/folder-kinds";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import type { MailView } from "@/lib/mailboxes/mail-view";
import { folderPath, listQueryString, messagePath, type ListQuery } from "@/lib/mailboxes/url";
import { MessageActions } from "./MessageActions";
import type { FormAction } from "@/components/form-action";

type Props = {
  view: MailView;
  query: ListQuery;
  showImages: boolean;
  locale: string;
  /** Move, delete, flag, mark read (the same action as the list toolbar). */
  messagesAction: FormAction;
};

const person = (m: { name?: string | null; address: string }) => (m.name ? `${m.name} <${m.address}>` : m.address);
const people = (list: Mailbox[]) => list.map(person).join(", ");

/** The reading pane: compose links, actions, headers, the body (text, or HTML in a sandboxed frame), attachments. */
export async function ReadingPane({ view, query, showImages, locale, messagesAction }: Props) {
  const [t, tMail, format] = await Promise.all([
    getTranslations("mail.reader"),
    getTranslations("mail"),
    getFormatter(),
  ]);
  const { access, folders, folder, message } = view;
  if (!message) {
    return (
      <section aria-labelledby="reading-heading" className="hidden min-w-0 flex-1 flex-col bg-slate-50 lg:flex">
        <h2 id="reading-heading" className="sr-only">
          {tMail("reading")}
        </h2>
        <p className="m-auto text-slate-500">{t("nothingOpen")}</p>
      </section>
    );
  }
  const d = message.detail;
  const address = access.mailbox.address;
  const segment = folderSegment(folder);
  const base = messagePath(address, segment, d.id);
  const listQuery = { q: query.q, scope: query.scope, after: query.after, before: query.before };
  const compose = (param: string) => `/mail/compose?mailbox=${encodeURIComponent(address)}&${param}=${d.id}`;
  const nameOf = (f: FolderSummary) => (f.kind === "user" ? f.name : tMail(`folderKind.${f.kind}`));
  const moveTargets = flattenTree(buildFolderTree(folders)).map(({ folder: f }) => ({
    id: f.id,
    label: pathOfFolder(folders, f.id, nameOf),
  }));
  const hidden: Record<string, string> = { mailbox: address, folder: segment, open: d.id };
  for (const [key, value] of Object.entries(listQuery)) if (value) hidden[key] = value;
  const from = { name: d.fromName, address: d.fromAddress };
  const subject = d.subject || tMail("noSubject");
  const link = "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100";

  return (
    <section aria-labelledby="reading-heading" className="flex min-w-0 flex-1 flex-col bg-white">
      <h2 id="reading-heading" className="sr-only">
        {tMail("reading")}
      </h2>
      <div
        role="toolbar"
        aria-label={t("actions")}
        className="flex flex-wrap items-center gap-1 border-b px-4 py-2 border-slate-200"
      >
        <Link href={compose("reply")} prefetch={false} className={link}>
          {t("reply")}
        </Link>
        <Link href={compose("replyAll")} prefetch={false} className={link}>
          {t("replyAll")}
        </Link>
        <Link href={compose("forward")} prefetch={false} className={link}>
          {t("forward")}
        </Link>
        <span className="mx-1 h-4 border-l border-slate-200" aria-hidden="true" />
        <MessageActions
          hidden={hidden}
          messageId={d.id}
          flagged={d.flagged}
          deleteForGood={isInDeletedItems(folders, folder.id)}
          moveTargets={moveTargets}
          action={messagesAction}
        />
        <Link href={`${folderPath(address, segment)}${listQueryString(listQuery)}`} className={`${link} ml-auto`}>
          {t("close")}
        </Link>
      </div>
      <article className="flex min-h-0 flex-1 flex-col" aria-labelledby="message-subject">
        <header className="space-y-1 border-b px-4 py-3 border-slate-200">
          <h3 id="message-subject" className="text-lg font-semibold">
            {subject}
          </h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
            <dt className="text-slate-500">{t("from")}</dt>
            <dd data-testid="message-from">
              {d.senderAddress
                ? t("onBehalfOf", {
                    sender: person({ name: d.senderName, address: d.senderAddress }),
                    from: person(from),
                  })
                : person(from)}
            </dd>
            <dt className="text-slate-500">{t("to")}</dt>
            <dd>{people(d.toList) || t("noRecipients")}</dd>
            {d.ccList.length > 0 && (
              <>
                <dt className="text-slate-500">{t("cc")}</dt>
                <dd>{people(d.ccList)}</dd>
              </>
            )}
            <dt className="text-slate-500">{t("date")}</dt>
            <dd>
              <time dateTime={(d.sentAt ?? d.receivedAt).toISOString()}>
                {format.dateTime(d.sentAt ?? d.receivedAt, { dateStyle: "full", timeStyle: "short" })}
              </time>
            </dd>
          </dl>
          {message.delivery.length > 0 && (
            <div data-testid="delivery-states" className="pt-2 text-sm">
              <h4 className="font-medium">{t("delivery.title")}</h4>
              <ul className="space-y-0.5">
                {message.delivery.map((r) => (
                  <li key={r.address} data-state={r.state}>
                    <span>{r.address}</span> — <strong>{t(`delivery.${r.state}`)}</strong>
                    {r.state === "deferred" && (
                      <span className="text-slate-600">
                        {" "}
                        {t("delivery.nextAttempt", {
                          at: format.dateTime(r.nextAttemptAt, { dateStyle: "short", timeStyle: "short" }),
                        })}
                      </span>
                    )}
                    {(r.state === "deferred" || r.state === "failed") && r.lastReply && (
                      <span className="block break-all text-xs text-slate-600">
                        {t("delivery.lastReply", { reply: r.lastReply })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </header>
        {message.blockedImages > 0 && !showImages && (
          <p
            className="flex flex-wrap items-center gap-2 border-b bg-amber-50 px-4 py-2 text-sm border-slate-200"
            data-testid="blocked-images"
          >
            {t("blockedImages", { count: message.blockedImages })}
            <Link
              href={`${base}${listQueryString(listQuery, { images: "1" })}`}
              prefetch={false}
              className="font-medium text-brand-700 underline"
            >
              {t("showImages")}
            </Link>
          </p>
        )}
        {message.content.html !== null ? (
          <iframe
            title={t("frameTitle", { subject })}
            src={`${base}/body${showImages ? "?images=1" : ""}`}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            referrerPolicy="no-referrer"
            className="min-h-64 w-full flex-1 border-0"
          />
        ) : (
          <div className="flex-1 overflow-y-auto whitespace-pre-wrap break-words px-4 py-3 text-sm">
            {message.content.text}
          </div>
        )}
        <footer className="space-y-1 border-t px-4 py-2 text-sm border-slate-200">
          {message.content.attachments.length > 0 && (
            <>
              <h4 className="font-medium">{t("attachments")}</h4>
              <ul className="flex flex-wrap gap-2">
                {message.content.attachments.map((a) => (
                  <li key={a.index}>
                    <a href={`${base}/attachments/${a.index}`} download className="text-brand-700 underline">
                      {t("download", { name: a.filename, size: formatBytes(a.size, locale) })}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <a href={`${base}/raw`} download className="text-xs text-brand-700 underline">
            {t("downloadEml")}
          </a>
        </footer>
      </article>
    </section>
  );
}
