import "server-only";
import type { Db } from "@/db/client";
import type { MailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { sanitizeMailHtml } from "@/lib/mime/sanitize-mail-html";
import { listFolderPage, pageRequest, type MessagePage } from "@/lib/messages/list-messages";
import type { ReadableMessage } from "@/lib/messages/parse-for-reading";
import { openMessage, type MessageDetail } from "@/lib/messages/read-message";
import { searchMailbox } from "@/lib/messages/search";
import { findFolder, listFolders, type FolderSummary } from "./folders";
import type { ListQuery } from "./url";

export type SearchScope = "folder" | "mailbox";

export type MailView = {
  access: MailboxAccess;
  folders: FolderSummary[];
  folder: FolderSummary;
  list: MessagePage;
  search: { query: string; scope: SearchScope } | null;
  message: {
    detail: MessageDetail;
    content: ReadableMessage;
    /** Remote images held back in the HTML part (0 once the reader asked for them). */
    blockedImages: number;
  } | null;
};

export type MailViewRequest = {
  address: string;
  folder: string;
  messageId?: string;
  query: ListQuery;
  showImages?: boolean;
};

/**
 * Everything the three panes show, each part through the access check of the lib function that
 * reads it. Opening a message marks it read before the folder counts are read, so they agree.
 */
export async function loadMailView(db: Db, actor: Actor, request: MailViewRequest): Promise<MailView> {
  const ref = { address: request.address };
  const opened = request.messageId
    ? await openMessage(db, actor, ref, request.messageId, { folder: request.folder })
    : null;
  const { access, folders } = await listFolders(db, actor, ref);
  const folder = findFolder(folders, request.folder);
  const query = (request.query.q ?? "").trim();
  const scope: SearchScope = request.query.scope === "mailbox" ? "mailbox" : "folder";
  const page = pageRequest(request.query);
  const list = query
    ? await searchMailbox(db, actor, ref, { query, folderId: scope === "folder" ? folder.id : undefined }, page)
    : await listFolderPage(db, { orgId: access.mailbox.orgId, id: folder.id }, page);
  const html = opened?.content.html;
  return {
    access,
    folders,
    folder,
    list,
    search: query ? { query, scope } : null,
    message: opened
      ? {
          detail: opened.message,
          content: opened.content,
          blockedImages: html ? sanitizeMailHtml(html, { allowRemoteImages: request.showImages }).blockedImages : 0,
        }
      : null,
  };
}
