import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { listDateFormat } from "@/components/mail/list-date-format";
import {
  flattenTree,
  buildFolderTree,
  folderPath as pathOfFolder,
  isInDeletedItems,
} from "@/lib/mailboxes/folder-hierarchy";
import { folderSegment } from "@/lib/mailboxes/folder-kinds";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import type { ListView, MailView } from "@/lib/mailboxes/mail-view";
import { folderPath, listQueryString, mailboxPath, type ListQuery } from "@/lib/mailboxes/url";
import type { MessageRow } from "@/lib/messages/list-messages";
import { EmptyFolderForm } from "./EmptyFolderForm";
import { MessageListView, type ListItem } from "./MessageListView";
import { packRow } from "./list-rows";
import { SearchForm } from "./SearchForm";
import { FilterLinks } from "./FilterLinks";
import { TRIAGE_FILTERS } from "@/lib/conversations/triage-filters";
import { LIST_FILTERS } from "@/lib/messages/list-filter-names";
import { LIST_SORTS } from "@/lib/messages/list-sort-names";
import { ShowFoldersControl } from "./PhonePanes";
import { ConversationToggle } from "./ConversationToggle";
import type { MailActions } from "./mail-actions";

/**
 * Characters of a message's text a row carries: one line of the 26rem list in its small type
 * shows about 70; the rest would be bytes in every page that nobody sees.
 */
export const LIST_SNIPPET_CHARS = 100;

type Props = {
  view: Pick<MailView, "access" | "folders" | "folder" | "list" | "search"> &
    Partial<Pick<ListView, "triage" | "show" | "sort" | "conversationView" | "conversations">>;
  query: ListQuery;
  /** When the rows were read (server time), for their read state. */
  at: number;
  actions: Pick<MailActions, "messages" | "emptyFolder" | "conversationView">;
};

/** The message list pane: title, search, "empty folder", the list with its toolbar, paging. */
export async function MessageListPane({ view, query, at, actions }: Props) {
  const [t, tl, dates] = await Promise.all([getTranslations("mail"), getTranslations("mail.list"), listDateFormat()]);
  const noSubject = t("noSubject");
  const { access, folders, folder, list, search } = view;
  const address = access.mailbox.address;
  const nameOf = (f: FolderSummary) => (f.kind === "user" ? f.name : t(`folderKind.${f.kind}`));
  const byId = new Map(folders.map((f) => [f.id, f]));
  const triage = view.triage;
  const filter = triage?.filter ?? undefined;
  const show = view.show ?? undefined;
  const sort = view.sort ?? undefined;
  const paging = { q: query.q, scope: query.scope, triage: filter, show, sort };
  const listQuery = { ...paging, after: query.after, before: query.before };
  const keep = listQueryString(listQuery);
  const here = folderPath(address, folderSegment(folder));
  const title = nameOf(folder);
  const showsRecipients = folder.kind === "sent" || folder.kind === "drafts";

  const who = (m: MessageRow) =>
    showsRecipients
      ? tl("to", { names: m.toList.map((r) => r.name || r.address).join(", ") || t("reader.noRecipients") })
      : m.fromName || m.fromAddress;
  const items: ListItem[] = list.rows.map((m) => {
    const where = byId.get(m.folderId);
    const item: ListItem = {
      id: m.id,
      who: who(m),
      subject: m.subject || noSubject,
      snippet: m.snippet.slice(0, LIST_SNIPPET_CHARS),
      dateLabel: dates.format(m.receivedAt),
      dateIso: m.receivedAt.toISOString(),
      seen: m.seen,
    };
    if (m.flagged) item.flagged = true;
    if (m.hasAttachments) item.hasAttachments = true;
    const conversation = view.conversations?.[m.threadId];
    if (conversation) {
      // The row stands for its conversation in this folder: unread, flagged, with attachments if
      // any of its messages is, named by who wrote them (recipients in Sent Items and Drafts).
      if (!showsRecipients) item.who = conversation.senders.join(", ") || item.who;
      if (conversation.count > 1) item.count = conversation.count;
      if (conversation.unread > 0) item.seen = false;
      if (conversation.flagged) item.flagged = true;
      if (conversation.hasAttachments) item.hasAttachments = true;
    }
    if (m.isDraft) item.isDraft = true;
    if (where && where.id !== folder.id) item.folder = { segment: folderSegment(where), label: nameOf(where) };
    const handled = triage?.rows[m.id];
    if (handled) {
      const parts = [
        handled.done && t("triage.rowDone"),
        handled.assignee && t("triage.rowAssigned", { name: handled.assignee }),
      ];
      item.triage = parts.filter(Boolean).join(" ");
    }
    return item;
  });
  const moveTargets = flattenTree(buildFolderTree(folders)).map(({ folder: f }) => ({
    id: f.id,
    label: pathOfFolder(folders, f.id, nameOf),
  }));
  const hidden: Record<string, string> = { mailbox: address, folder: folderSegment(folder) };
  for (const [key, value] of Object.entries(listQuery)) if (value) hidden[key] = value;
  if (view.conversations) hidden.conversations = "1";
  const forGood = isInDeletedItems(folders, folder.id);

  return (
    <section
      aria-labelledby="list-heading"
      className="list-pane flex w-[26rem] min-w-0 shrink-0 flex-col border-r bg-white border-slate-200"
    >
      <h2 id="list-heading" className="sr-only">
        {t("messageList")}
      </h2>
      <div className="space-y-2 border-b px-4 py-3 border-slate-200">
        <div className="flex items-baseline justify-between gap-2">
          <ShowFoldersControl />
          <p className="min-w-0 flex-1 truncate text-lg font-semibold">
            {search ? t("search.results", { query: search.query }) : title}
          </p>
          {search ? (
            <span className="shrink-0 text-xs text-slate-500" data-testid="search-count">
              {t(search.found.more ? "search.foundMore" : "search.found", { count: search.found.count })}
            </span>
          ) : (
            <span className="shrink-0 text-xs text-slate-500">{t("folderTotal", { count: folder.totalCount })}</span>
          )}
        </div>
        {!view.access.isOwner && (
          <p className="truncate text-xs text-slate-600" data-testid="list-mailbox" title={address}>
            {view.access.mailbox.displayName} · {address}
          </p>
        )}
        <SearchForm action={here} query={search?.query ?? ""} scope={search?.scope ?? "folder"} />
        <FilterLinks
          here={here}
          name="show"
          values={LIST_FILTERS}
          current={show}
          keep={{ q: query.q, scope: query.scope, triage: filter, sort }}
          label={(key) => t(`show.${key}`)}
          heading={t("show.filters")}
        />
        {triage && !search && (
          <FilterLinks
            here={here}
            name="triage"
            values={TRIAGE_FILTERS}
            current={filter}
            keep={{ show, sort }}
            label={(key) => t(`triage.${key}`)}
            heading={t("triage.filters")}
          />
        )}
        <div className="flex flex-wrap items-center justify-between gap-2">
          {!search && (
            <FilterLinks
              here={here}
              name="sort"
              values={LIST_SORTS}
              current={sort}
              keep={{ show, triage: filter }}
              label={(key) => t(`sort.${key}`)}
              heading={t("sort.heading")}
            />
          )}
          {view.conversationView !== undefined && (
            <ConversationToggle on={view.conversationView} action={actions.conversationView} />
          )}
        </div>
        {!search && folder.totalCount > 0 && (
          <EmptyFolderForm mailbox={address} folderId={folder.id} forGood={forGood} action={actions.emptyFolder} />
        )}
      </div>
      <MessageListView
        rows={items.map(packRow)}
        links={{ mailbox: mailboxPath(address), folder: folderSegment(folder), query: keep, address }}
        at={at}
        moveTargets={moveTargets}
        hidden={hidden}
        deleteForGood={forGood && search?.scope !== "mailbox"}
        emptyText={search ? t("search.noResults", { query: search.query }) : t("emptyFolder")}
        action={actions.messages}
      />
      {(list.newer || list.older) && (
        <nav aria-label={tl("pages")} className="flex justify-between border-t px-4 py-2 text-sm border-slate-200">
          {list.newer ? (
            <Link
              href={`${here}${listQueryString(paging, { before: list.newer })}`}
              className="text-brand-700 underline"
            >
              ← {tl("newer")}
            </Link>
          ) : (
            <span />
          )}
          {list.older && (
            <Link
              href={`${here}${listQueryString(paging, { after: list.older })}`}
              className="text-brand-700 underline"
            >
              {tl("older")} →
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
