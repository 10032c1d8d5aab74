import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import type { FormAction } from "@/components/form-action";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import {
  buildFolderTree,
  flattenTree,
  folderPath as pathOfFolder,
  isInDeletedItems,
} from "@/lib/mailboxes/folder-hierarchy";
import { folderPath, listQueryString, type ListQuery } from "@/lib/mailboxes/url";
import { MessageActions } from "../MessageActions";

type Props = {
  address: string;
  segment: string;
  messageId: string;
  flagged: boolean;
  folders: FolderSummary[];
  folderId: string;
  listQuery: ListQuery;
  messagesAction: FormAction;
};

export const linkClass = "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100";

/** The reading pane's toolbar: reply, reply all, forward, the message actions (move, delete, flag…), close. */
export async function ReadingToolbar(props: Props) {
  const { address, segment, messageId, folders, folderId, listQuery } = props;
  const [t, tMail, tPhone] = await Promise.all([
    getTranslations("mail.reader"),
    getTranslations("mail"),
    getTranslations("mail.phone"),
  ]);
  const listHref = `${folderPath(address, segment)}${listQueryString(listQuery)}`;
  const compose = (param: string) => `/mail/compose?mailbox=${encodeURIComponent(address)}&${param}=${messageId}`;
  const nameOf = (f: FolderSummary) => (f.kind === "user" ? f.name : tMail(`folderKind.${f.kind}`));
  const moveTargets = flattenTree(buildFolderTree(folders)).map(({ folder: f }) => ({
    id: f.id,
    label: pathOfFolder(folders, f.id, nameOf),
  }));
  const hidden: Record<string, string> = { mailbox: address, folder: segment, open: messageId };
  for (const [key, value] of Object.entries(listQuery)) if (value) hidden[key] = value;
  return (
    <div
      role="toolbar"
      aria-label={t("actions")}
      className="flex flex-wrap items-center gap-1 border-b px-4 py-2 border-slate-200"
    >
      <Link href={listHref} className={`${linkClass} md:hidden`} data-testid="back-to-list">
        <span aria-hidden="true">←</span> {tPhone("backToList")}
      </Link>
      <Link href={compose("reply")} className={linkClass} data-shortcut="reply" aria-keyshortcuts="R">
        {t("reply")}
      </Link>
      <Link href={compose("replyAll")} className={linkClass} data-shortcut="replyAll" aria-keyshortcuts="Shift+R">
        {t("replyAll")}
      </Link>
      <Link href={compose("forward")} className={linkClass} data-shortcut="forward" aria-keyshortcuts="Shift+F">
        {t("forward")}
      </Link>
      <span className="mx-1 h-4 border-l border-slate-200" aria-hidden="true" />
      <MessageActions
        hidden={hidden}
        messageId={messageId}
        flagged={props.flagged}
        deleteForGood={isInDeletedItems(folders, folderId)}
        moveTargets={moveTargets}
        action={props.messagesAction}
      />
      <Link href={listHref} className={`${linkClass} ml-auto max-md:hidden`}>
        {t("close")}
      </Link>
    </div>
  );
}
