"use client";

import Link from "next/link";
import { useSeen } from "./fresh-state";
import { FlagIcon, PaperclipIcon } from "./Icons";
import type { ListItem } from "./MessageListView";

/** The same few words on every row: looked up once by the list, not fifty times. */
export type RowLabels = {
  unread: string;
  draft: string;
  hasAttachments: string;
  flagged: string;
  inFolder: (folder: string) => string;
};

/** One row of the message list: its checkbox and its link (who, icons, date, subject, snippet). */
export function MessageRow({
  item: m,
  open,
  at,
  checked,
  onCheck,
  label,
}: {
  item: ListItem;
  open: boolean;
  /** When the row was read (server time): opening the message since then shows it read. */
  at: number;
  checked: boolean;
  onCheck: (on: boolean) => void;
  label: RowLabels;
}) {
  const seen = useSeen(m.id, m.seen, at);
  return (
    <li
      data-row={m.id}
      data-unread={!seen}
      className={`flex items-start gap-2 px-4 py-2 ${open ? "bg-brand-600/10" : ""} ${seen ? "" : "font-semibold"}`}
    >
      <input
        type="checkbox"
        name="ids[]"
        value={m.id}
        checked={checked}
        onChange={(e) => onCheck(e.target.checked)}
        aria-labelledby={`select-label subject-${m.id}`}
        className="mt-1"
      />
      <Link href={m.href} prefetch={false} aria-current={open ? "true" : undefined} className="block min-w-0 flex-1">
        <span className="flex justify-between gap-2 text-sm">
          <span className="truncate">
            {!seen && <span className="sr-only">{label.unread}: </span>}
            {m.isDraft && <span className="mr-1 text-red-700">[{label.draft}]</span>}
            {m.who}
          </span>
          <span className="flex shrink-0 items-center gap-1 text-xs font-normal text-slate-500">
            {m.hasAttachments && (
              <span title={label.hasAttachments}>
                <PaperclipIcon />
                <span className="sr-only">{label.hasAttachments}</span>
              </span>
            )}
            {m.flagged && (
              <span title={label.flagged} className="text-red-600">
                <FlagIcon />
                <span className="sr-only">{label.flagged}</span>
              </span>
            )}
            <time dateTime={m.dateIso}>{m.dateLabel}</time>
          </span>
        </span>
        <span id={`subject-${m.id}`} className="block truncate text-sm">
          {m.subject}
        </span>
        <span className="block truncate text-xs font-normal text-slate-500">
          {m.folderLabel && <span className="mr-1 rounded bg-slate-100 px-1">{label.inFolder(m.folderLabel)}</span>}
          {m.snippet}
        </span>
      </Link>
    </li>
  );
}
