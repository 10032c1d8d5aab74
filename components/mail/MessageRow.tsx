"use client";

import Link from "@/components/ui/Link";
import { useInOpenConversation, useSeen } from "./fresh-state";
import { endDrag } from "./use-drag-to-folder";
import { Icon } from "./Icons";
import type { ListItem } from "./MessageListView";

/** The same few words on every row: looked up once by the list, not fifty times. */
export type RowLabels = {
  unread: string;
  draft: string;
  hasAttachments: string;
  flagged: string;
  inFolder: (folder: string) => string;
  /** "3 messages": a conversation's count. */
  count: (count: number) => string;
};

/**
 * One row of the message list: its checkbox and its link (who, icons, date, subject, snippet).
 * Its classes are in app/globals.css (`.mrow…`): fifty rows spell them out once.
 */
export function MessageRow({
  item: m,
  index,
  href,
  open,
  at,
  checked,
  onCheck,
  onRange,
  onDragStart,
  label,
}: {
  item: ListItem;
  /** Its position in the page (the subject's element id). */
  index: number;
  href: string;
  open: boolean;
  /** When the row was read (server time): opening the message since then shows it read. */
  at: number;
  checked: boolean;
  onCheck: (on: boolean) => void;
  /** Shift+click: select the rows up to this one. */
  onRange: () => void;
  /** Dragging the row (to a folder of the folder pane). */
  onDragStart: (event: React.DragEvent) => void;
  label: RowLabels;
}) {
  const seen = useSeen(m.id, m.seen, at);
  // Another message of its conversation is open (from the reading pane's list): the row is open too.
  const shownOpen = useInOpenConversation(m.id) || open;
  return (
    <li
      data-row={m.id}
      data-unread={!seen}
      className={`mrow${shownOpen ? " open" : ""}${seen ? "" : " unread"}`}
      draggable
      onDragStart={onDragStart}
      onDragEnd={endDrag}
    >
      <input
        type="checkbox"
        name="ids[]"
        value={m.id}
        checked={checked}
        onChange={(e) => onCheck(e.target.checked)}
        aria-labelledby={`select-label s${index}`}
        className="mt-1"
      />
      <Link
        href={href}
        aria-current={shownOpen ? "true" : undefined}
        className="mrow-link"
        onClick={(event) => {
          // As in Outlook on the web: Ctrl+click ticks or unticks the row, Shift+click a range.
          if (event.ctrlKey || event.metaKey) {
            event.preventDefault();
            onCheck(!checked);
          } else if (event.shiftKey) {
            event.preventDefault();
            onRange();
          }
        }}
      >
        <span className="mrow-top">
          <span className="truncate">
            {!seen && <span className="sr-only">{label.unread}: </span>}
            {m.isDraft && <span className="mr-1 text-red-700">[{label.draft}]</span>}
            {m.who}
          </span>
          <span className="mrow-meta">
            {m.count && (
              <span className="mrow-count" title={label.count(m.count)}>
                <span aria-hidden="true">{m.count}</span>
                <span className="sr-only">{label.count(m.count)}</span>
              </span>
            )}
            {m.hasAttachments && (
              <span title={label.hasAttachments}>
                <Icon name="paperclip" />
                <span className="sr-only">{label.hasAttachments}</span>
              </span>
            )}
            {m.flagged && (
              <span title={label.flagged} className="text-red-600">
                <Icon name="flag" />
                <span className="sr-only">{label.flagged}</span>
              </span>
            )}
            <time dateTime={m.dateIso}>{m.dateLabel}</time>
          </span>
        </span>
        <span id={`s${index}`} className="mrow-subject block">
          {m.subject}
        </span>
        <span className="mrow-snippet">
          {m.folder && <span className="mr-1 rounded bg-slate-100 px-1">{label.inFolder(m.folder.label)}</span>}
          {m.triage && <span className="mr-1 rounded bg-amber-100 px-1 text-amber-900">{m.triage}</span>}
          {m.snippet}
        </span>
      </Link>
    </li>
  );
}
