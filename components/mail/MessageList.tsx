import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { folderSegment, type FolderSummary } from "@/lib/mailboxes/folders";
import type { MessageRow } from "@/lib/messages/list-messages";

type Props = {
  mailboxAddress: string;
  folder: FolderSummary;
  rows: MessageRow[];
  next: string | null;
  locale: string;
};

export async function MessageList({ mailboxAddress, folder, rows, locale }: Props) {
  const t = await getTranslations("mail");
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });
  const title = folder.kind === "user" ? folder.name : t(`folderKind.${folder.kind}`);
  return (
    <section aria-labelledby="list-heading" id="main" className="flex min-w-0 flex-1 flex-col bg-white">
      <h2 id="list-heading" className="border-b px-4 py-3 text-lg font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="p-6 text-slate-500">{t("emptyFolder")}</p>
      ) : (
        <ul className="divide-y overflow-y-auto" aria-label={t("messages")}>
          {rows.map((m) => (
            <li key={m.id} className={`px-4 py-2 ${m.seen ? "" : "font-semibold"}`} data-unread={!m.seen}>
              <div className="flex justify-between gap-2 text-sm">
                <span className="truncate">{m.fromName || m.fromAddress}</span>
                <time dateTime={m.receivedAt.toISOString()} className="shrink-0 text-xs text-slate-500">
                  {date.format(m.receivedAt)}
                </time>
              </div>
              <Link
                href={`/mail/${encodeURIComponent(mailboxAddress)}/${folderSegment(folder)}/${m.id}`}
                className="block truncate text-sm"
              >
                {m.subject || t("noSubject")}
              </Link>
              <div className="truncate text-xs font-normal text-slate-500">{m.snippet}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
