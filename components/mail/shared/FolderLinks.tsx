import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { folderSegment } from "@/lib/mailboxes/folders";
import type { OrderedFolder } from "@/lib/shared-folders/folder-order";

/** A mailbox's folders as links with unread counts; the open folder is marked aria-current. */
export async function FolderLinks({
  address,
  folders,
  currentFolderId,
}: {
  address: string;
  folders: OrderedFolder[];
  currentFolderId: string | null;
}) {
  const t = await getTranslations("mail");
  return (
    <ul className="py-1">
      {folders.map((f) => {
        const name = f.kind === "user" ? f.name : t(`folderKind.${f.kind}`);
        const current = f.id === currentFolderId;
        return (
          <li key={f.id}>
            <Link
              href={`/mail/${encodeURIComponent(address)}/${folderSegment(f)}`}
              aria-current={current ? "page" : undefined}
              style={{ paddingLeft: `${1 + f.depth * 0.75}rem` }}
              className={`flex items-center justify-between py-1.5 pr-4 text-sm hover:bg-slate-100 ${current ? "bg-slate-200 font-medium" : ""}`}
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
  );
}
