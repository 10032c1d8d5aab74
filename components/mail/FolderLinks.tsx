"use client";

import { useTranslations } from "next-intl";
import Link from "@/components/ui/Link";
import type { Fold } from "@/lib/mailboxes/folder-hierarchy";
import { CollapseChevron } from "./shared/CollapseChevron";
import { UnreadCount } from "./UnreadCount";

/**
 * One folder of the pane, in tree order: id, depth (0 at the top), URL segment, name shown, unread
 * count, fold (0: no subfolders, 1: shown, 2: hidden). Compact on purpose: the pane's folders reach
 * the browser as this data, not as one element tree per folder (each mailbox of the tree weighed
 * about 4 KB of page payload that way).
 */
export type FolderLinkRow = [id: string, depth: number, segment: string, name: string, unread: number, fold: Fold];

type Props = {
  rows: FolderLinkRow[];
  address: string;
  currentId: string;
  /** When the counts were read (server time). */
  at: number;
};

/**
 * Nested folder links, each with its unread count; the current folder is aria-current. A folder
 * with subfolders has a chevron that hides or shows them (the pane's collapse form: remembered for
 * the person, and a plain form before JavaScript loads).
 */
export function FolderLinks({ rows, address, currentId, at }: Props) {
  const t = useTranslations("shared");
  const base = `/mail/${encodeURIComponent(address)}/`;
  // The rows from `from` on at `depth` (each with the deeper rows that follow it), and where they end.
  const level = (from: number, depth: number): [React.ReactNode, number] => {
    const items: React.ReactNode[] = [];
    let i = from;
    while (i < rows.length && rows[i]![1] === depth) {
      const [id, , segment, name, unread, fold] = rows[i]!;
      const [children, next] = i + 1 < rows.length && rows[i + 1]![1] > depth ? level(i + 1, depth + 1) : [null, i + 1];
      items.push(
        <li key={id} className={fold ? "folder-fold" : undefined}>
          {fold > 0 && (
            <CollapseChevron
              value={`folder:${id}:${fold === 2 ? "0" : "1"}`}
              expanded={fold === 1}
              label={fold === 2 ? t("expandNamed", { name }) : t("collapseNamed", { name })}
            />
          )}
          <Link
            href={`${base}${segment}`}
            aria-current={id === currentId ? "page" : undefined}
            data-folder={segment}
            data-drop-mailbox={address}
            data-drop-folder-id={id}
            className="folder-link"
          >
            <span className="truncate">{name}</span>
            <UnreadCount folderId={id} count={unread} at={at} />
          </Link>
          {children}
        </li>,
      );
      i = next;
    }
    return [items.length ? <ul className={depth === 0 ? "" : "ml-3 border-l border-slate-100"}>{items}</ul> : null, i];
  };
  return level(0, 0)[0];
}
