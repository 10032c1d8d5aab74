"use client";

import { useParams } from "next/navigation";
import { useActionState, useMemo, useRef } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/components/form-action";
import { ActionStatus } from "./ActionStatus";
import { UndoBar } from "./UndoBar";
import { publishFromReadingPane, useReadingPaneAnswer } from "./pending-undo";
import { MessageContextMenu } from "./MessageContextMenu";
import { useKeepListFocus } from "./use-keep-list-focus";
import { IconSprites } from "./Icons";
import { MessageListToolbar } from "./MessageListToolbar";
import { MessageRow, type RowLabels } from "./MessageRow";
import type { FolderOption } from "./MoveSelect";
import { unpackRow, type PackedRow } from "./list-rows";
import { listKeyHandler, useMailShortcuts, useSearchShortcut } from "./use-list-keyboard";
import { useMessageSelection } from "./use-message-selection";
import { startDrag, useDragToFolder } from "./use-drag-to-folder";

/**
 * A row as the list's client component receives it: what the row shows and no more, a flag only
 * when set (each key is in the page's payload fifty times).
 */
export type ListItem = {
  id: string;
  /** Sender, or "To: …" in Sent Items and Drafts. */
  who: string;
  subject: string;
  /** The start of the text, as much as one line of the list shows. */
  snippet: string;
  dateLabel: string;
  dateIso: string;
  seen: boolean;
  flagged?: true;
  hasAttachments?: true;
  isDraft?: true;
  /** A shared mailbox's conversation: done, and who handles it ("Done → Claire"). */
  triage?: string;
  /** The row is a conversation: how many of its messages the folder holds (more than one). */
  count?: number;
  /** The folder's URL segment and name, when not the list's (a mailbox-wide search). */
  folder?: { segment: string; label: string };
};

/**
 * Where the rows link: `{mailbox}/{folder}/{id}{query}`, the folder the row's or the list's; a draft
 * opens in compose, to go on writing it (`address` is the mailbox's).
 */
export type RowLinks = { mailbox: string; folder: string; query: string; address: string };

function rowHref(links: RowLinks, m: ListItem): string {
  if (m.isDraft) return `/mail/compose?${new URLSearchParams({ draft: m.id, mailbox: links.address })}`;
  return `${links.mailbox}/${m.folder?.segment ?? links.folder}/${m.id}${links.query}`;
}

type Props = {
  /** The page's rows, packed (list-rows.ts). */
  rows: PackedRow[];
  links: RowLinks;
  /** When the rows were read (server time), for their read state (fresh-state.ts). */
  at: number;
  moveTargets: FolderOption[];
  /** Hidden fields every submission carries: mailbox, folder, the list's search and page. */
  hidden: Record<string, string>;
  deleteForGood: boolean;
  emptyText: string;
  action: FormAction;
};

/**
 * The message list: a form of checkboxes with a toolbar of actions, so it all works as plain HTML
 * before JavaScript loads. JavaScript adds the selection count, select all, pending states and
 * shortcuts (j/k or arrows to move, x to select, Delete to delete, / to search).
 */
export function MessageListView({ rows, links, at, moveTargets, hidden, deleteForGood, emptyText, action }: Props) {
  const items = useMemo(() => rows.map(unpackRow), [rows]);
  const t = useTranslations("mail.list");
  const tMail = useTranslations("mail");
  // The forms take the action itself (so they work before JavaScript loads).
  const [state, formAction, pending] = useActionState(action, null);
  // A move or delete from the reading pane closed it: its answer (and Undo) shows here until the list acts.
  const fromReadingPane = useReadingPaneAnswer();
  const shown = fromReadingPane ?? state;
  const forget = () => publishFromReadingPane(null);
  // The list is kept while messages open beside it: the open one is the URL's (server-rendered too).
  const openId = useParams<{ messageId?: string }>().messageId ?? null;
  const ids = items.map((i) => i.id);
  const selection = useMessageSelection(ids, state);
  const formRef = useRef<HTMLFormElement>(null);
  const keepFocus = useKeepListFocus(ids, selection.isSelected);
  const deleteRef = useRef<HTMLButtonElement>(null);
  useSearchShortcut();
  useMailShortcuts();
  useDragToFolder((data) => {
    forget();
    formAction(data);
  }, hidden);

  const undo = (standalone: boolean) => (
    <UndoBar
      state={shown}
      hidden={hidden}
      formAction={formAction}
      onSubmit={forget}
      pending={pending}
      standalone={standalone}
    />
  );
  if (items.length === 0) {
    return (
      <>
        <ActionStatus state={shown} className="px-4 pt-2" />
        {undo(true)}
        <p className="p-6 text-slate-500">{emptyText}</p>
      </>
    );
  }
  const label: RowLabels = {
    unread: t("unread"),
    draft: t("draft"),
    hasAttachments: t("hasAttachments"),
    flagged: t("flagged"),
    inFolder: (folder) => t("inFolder", { folder }),
    count: (count) => t("conversationCount", { count }),
  };
  const onListKey = listKeyHandler({
    count: selection.count,
    toggle: selection.toggle,
    submitDelete: () => formRef.current?.requestSubmit(deleteRef.current),
  });

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={() => {
        forget();
        keepFocus();
      }}
      aria-busy={pending}
      className="flex min-h-0 flex-1 flex-col"
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {openId && <input type="hidden" name="open" value={openId} />}
      <MessageListToolbar
        count={selection.count}
        all={selection.all}
        disabled={selection.none || pending}
        pending={pending}
        deleteForGood={deleteForGood}
        moveTargets={moveTargets}
        onSelectAll={selection.selectAll}
        selectAllRef={selection.selectAllRef}
        deleteRef={deleteRef}
      />
      <ActionStatus state={shown} className="px-4" />
      {undo(false)}
      <MessageContextMenu
        address={links.address}
        hrefOf={(id) => {
          const item = items.find((i) => i.id === id);
          return item ? rowHref(links, item) : null;
        }}
        isSelected={selection.isSelected}
        selectOnly={selection.selectOnly}
        deleteForGood={deleteForGood}
      >
        <ul
          id="message-rows"
          className="min-h-0 flex-1 divide-y overflow-y-auto divide-slate-200"
          aria-label={tMail("messages")}
          onKeyDown={onListKey}
        >
          {items.map((m, index) => (
            <MessageRow
              key={m.id}
              item={m}
              index={index}
              href={rowHref(links, m)}
              open={m.id === openId}
              at={at}
              checked={selection.isSelected(m.id)}
              onCheck={(on) => selection.toggle(m.id, on)}
              onRange={() => selection.range(m.id, openId)}
              onDragStart={(event) =>
                startDrag(event, hidden.mailbox!, selection.isSelected(m.id) ? selection.selectedIds() : [m.id])
              }
              label={label}
            />
          ))}
        </ul>
      </MessageContextMenu>
      <IconSprites />
      <p className="sr-only">{t("shortcuts")}</p>
      <span id="select-label" hidden>
        {t("selectLabel")}
      </span>
    </form>
  );
}
