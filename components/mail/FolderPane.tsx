import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AccessibleMailbox } from "@/lib/access/mailbox-access";
import { formatBytes } from "@/lib/format/bytes";
import { folderSegment, type FolderSummary } from "@/lib/mailboxes/folders";

type Props = {
  mailbox: AccessibleMailbox;
  folders: FolderSummary[];
  currentFolderId: string;
  locale: string;
  /** Replaces the plain mailbox name (the shared-mailboxes header with its context menu). */
  header?: React.ReactNode;
  /** Shown below the own folders (the shared mailboxes' tree). */
  children?: React.ReactNode;
};

export async function FolderPane({ mailbox, folders, currentFolderId, locale, header, children }: Props) {
  const t = await getTranslations("mail");
  const percent = Math.min(100, Math.round((mailbox.usedBytes / mailbox.quotaBytes) * 100));
  return (
    <nav aria-labelledby="folders-heading" className="flex w-64 shrink-0 flex-col border-r bg-white">
      <h2 id="folders-heading" className="sr-only">
        {t("folders")}
      </h2>
      {header ?? (
        <div className="truncate px-3 pt-3 text-sm font-semibold" title={mailbox.address}>
          {mailbox.displayName}
        </div>
      )}
      <div className="flex-1 overflow-y-auto">
        <ul className="py-2">
          {folders.map((f) => {
            const name = f.kind === "user" ? f.name : t(`folderKind.${f.kind}`);
            const current = f.id === currentFolderId;
            return (
              <li key={f.id}>
                <Link
                  href={`/mail/${encodeURIComponent(mailbox.address)}/${folderSegment(f)}`}
                  aria-current={current ? "page" : undefined}
                  className={`flex items-center justify-between px-4 py-1.5 text-sm hover:bg-slate-100 ${current ? "bg-slate-200 font-medium" : ""}`}
                >
                  <span className="truncate">{name}</span>
                  {f.unreadCount > 0 && (
                    <span className="font-semibold text-brand-700">
                      {f.unreadCount}
                      <span className="sr-only"> {t("unreadCount", { count: f.unreadCount })}</span>
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
        {children}
      </div>
      <div className="border-t p-3 text-xs text-slate-600">
        <div className="mb-1">{t("quota")}</div>
        <meter className="w-full" min={0} max={100} low={90} high={95} optimum={0} value={percent} />
        <div>
          {t("quotaUsed", { used: formatBytes(mailbox.usedBytes, locale), quota: formatBytes(mailbox.quotaBytes, locale) })}
        </div>
      </div>
    </nav>
  );
}
