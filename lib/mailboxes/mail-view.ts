import "server-only";
import { and } from "drizzle-orm";
import type { Db } from "@/db/client";
import { requireMailboxRight, type MailboxAccess } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { sanitizeMailHtml } from "@/lib/mime/sanitize-mail-html";
import { listFolderPage, PAGE_SIZE, pageRequest, type MessagePage } from "@/lib/messages/list-messages";
import { parseForReading, type ReadableMessage } from "@/lib/messages/parse-for-reading";
import { deliveryStatesOf, type RecipientState } from "@/lib/outbound/status";
import { openMessage, type MessageDetail, type StoredMessage } from "@/lib/messages/read-message";
import { searchMailbox, type ResultCount } from "@/lib/messages/search";
import { triageCondition, triageFilterOf, triageOfMessages, type RowTriage } from "@/lib/conversations/triage";
import type { TriageFilter } from "@/lib/conversations/triage-filters";
import { listFilterCondition } from "@/lib/messages/list-filters";
import { readerIn, withReaderState } from "@/lib/messages/read-state";
import { listFilterOf, type ListFilter } from "@/lib/messages/list-filter-names";
import { listSortOf, type ListSort } from "@/lib/messages/list-sort-names";
import { newestOfConversation, summariesOf, type ConversationSummary } from "@/lib/conversations/conversation-list";
import { findFolder, selectFolders, type FolderSummary } from "./folders";
import type { ListQuery } from "./url";

export type SearchScope = "folder" | "mailbox";

export type MailView = {
  access: MailboxAccess;
  folders: FolderSummary[];
  folder: FolderSummary;
  list: MessagePage;
  /** The search shown, with how many messages it found (exact up to COUNT_LIMIT). */
  search: { query: string; scope: SearchScope; found: ResultCount } | null;
  message: {
    detail: MessageDetail;
    content: ReadableMessage;
    /** Remote images held back in the HTML part (0 once the reader asked for them). */
    blockedImages: number;
    /** A Sent copy: the delivery state of each recipient outside the installation (R15). */
    delivery: RecipientState[];
  } | null;
};

export type MailViewRequest = {
  address: string;
  folder: string;
  messageId?: string;
  query: ListQuery;
  showImages?: boolean;
  /** The open message was just marked unread: show it without marking it read again. */
  keepUnread?: boolean;
  /** The calendar a search's `before:` and `after:` dates are days of (UTC if not given). */
  timeZone?: string;
};

export type ListView = Pick<MailView, "folder" | "list" | "search"> & {
  /** The list's filter (unread, flagged, with attachments), if one applies. */
  show: ListFilter | null;
  /** The folder's list order when not by date (a search is by date). */
  sort: ListSort | null;
  /** A shared mailbox's list: the conversation filter applied, and each row's triage (by message id). */
  triage?: { filter: TriageFilter | null; rows: Record<string, RowTriage> };
  /** The actor's setting: their lists show conversations. */
  conversationView: boolean;
  /** The list grouped by conversation: each row's conversation, by thread id. */
  conversations?: Record<string, ConversationSummary>;
};
export type ReadingView = NonNullable<MailView["message"]>;

/**
 * The list pane's part of the view: the folder the URL names among `folders` (the accessible
 * mailbox's, read by the caller after its access check) and its page of rows, or the search's.
 */
export async function loadListView(
  db: Db,
  actor: Actor,
  access: MailboxAccess,
  folders: FolderSummary[],
  request: Pick<MailViewRequest, "folder" | "query" | "timeZone">,
): Promise<ListView> {
  const folder = findFolder(folders, request.folder);
  const query = (request.query.q ?? "").trim();
  const scope: SearchScope = request.query.scope === "mailbox" ? "mailbox" : "folder";
  const page = pageRequest(request.query);
  const ref = { address: access.mailbox.address };
  // Unread, flagged, with attachments: on a folder's list and on a search alike.
  const show = listFilterOf(request.query.show);
  // Read and unread are the actor's own where the mailbox's read state is per person.
  const reader = readerIn(access, actor.id);
  const showing = show ? listFilterCondition(show, reader) : undefined;
  const folderId = scope === "folder" ? folder.id : undefined;
  // By conversation, if the actor chose it: a folder's list and a search of this mailbox alike.
  const conversationView = actor.conversationView === true;
  const searched = query
    ? await searchMailbox(
        db,
        actor,
        ref,
        { query, folderId, filter: showing, conversations: conversationView, timeZone: request.timeZone },
        page,
      )
    : null;
  const search = searched ? { query, scope, found: searched.found } : null;
  const inFolder = { orgId: access.mailbox.orgId, id: folder.id };
  const shared = access.mailbox.kind === "shared";
  const sort = searched ? null : listSortOf(request.query.sort);
  // A shared mailbox's conversation filter (on a folder's list, not a search).
  const filter = shared && !searched ? triageFilterOf(request.query.triage) : null;
  const listed =
    searched ??
    (await listFolderPage(
      db,
      inFolder,
      page,
      PAGE_SIZE,
      and(
        showing,
        filter ? triageCondition(filter, actor) : undefined,
        conversationView ? newestOfConversation(showing) : undefined,
      ),
      sort,
    ));
  const ids = listed.rows.map((r) => r.id);
  const [conversations, rows, ownRows] = await Promise.all([
    conversationView
      ? summariesOf(
          db,
          { orgId: access.mailbox.orgId, accountId: access.mailbox.id, folderId: searched ? folderId : folder.id },
          listed.rows.map((r) => r.threadId),
          reader,
        )
      : undefined,
    // …and, in a shared mailbox, who handles each row.
    shared ? triageOfMessages(db, access.mailbox, ids) : undefined,
    // …and the rows read or unread for the actor (a search's are already).
    searched ? listed.rows : withReaderState(db, reader, listed.rows),
  ]);
  const list = { ...listed, rows: ownRows };
  const view: ListView = { folder, list, search, show, sort, conversationView, conversations };
  return rows ? { ...view, triage: { filter, rows } } : view;
}

/**
 * The reading pane's part of the view, from a message `openMessage` opened (access checked, marked
 * read): its readable content, the images held back, the delivery states of a Sent copy.
 */
export async function loadReadingView(
  db: Db,
  opened: StoredMessage,
  options: { showImages?: boolean; reading?: Promise<ReadableMessage> } = {},
): Promise<ReadingView> {
  const reading = options.reading ?? parseForReading(opened.raw);
  reading.catch(() => {}); // awaited below
  const delivery =
    opened.message.folderKind === "sent"
      ? await deliveryStatesOf(db, opened.access.mailbox.orgId, opened.message.contentId)
      : [];
  const content = await reading;
  const html = content.html;
  return {
    detail: opened.message,
    content,
    blockedImages: html ? sanitizeMailHtml(html, { allowRemoteImages: options.showImages }).blockedImages : 0,
    delivery,
  };
}

/**
 * Everything the three panes show, each part through the access check of the lib function that
 * reads it. Opening a message marks it read before the folder counts are read, so they agree:
 * `alongside` (the folder tree, say) starts at that point too, or at once for a folder page, and
 * runs with the folders, the list and the parsing of the message.
 */
export async function loadMailViewWith<T>(
  db: Db,
  actor: Actor,
  request: MailViewRequest,
  alongside: () => Promise<T>,
): Promise<{ view: MailView; alongside: T }> {
  const ref = { address: request.address };
  const early = request.messageId ? null : alongside();
  early?.catch(() => {}); // a failure surfaces where it is awaited, below
  const opened = request.messageId
    ? await openMessage(db, actor, ref, request.messageId, { folder: request.folder, markRead: !request.keepUnread })
    : null;
  const extra = early ?? alongside();
  extra.catch(() => {});
  const reading = opened ? parseForReading(opened.raw) : null;
  reading?.catch(() => {});
  const access = opened?.access ?? (await requireMailboxRight(db, actor, ref, "fullAccess"));
  const folders = await selectFolders(db, access.mailbox, actor.id);
  const listView = await loadListView(db, actor, access, folders, request);
  const message =
    opened && reading ? await loadReadingView(db, opened, { showImages: request.showImages, reading }) : null;
  return { view: { access, folders, ...listView, message }, alongside: await extra };
}

/** The view alone. */
export const loadMailView = async (db: Db, actor: Actor, request: MailViewRequest): Promise<MailView> =>
  (await loadMailViewWith(db, actor, request, async () => null)).view;
