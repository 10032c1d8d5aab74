import Link from "next/link";
import type { FolderNode } from "@/lib/mailboxes/folder-hierarchy";
import { folderSegment } from "@/lib/mailboxes/folder-kinds";
import type { FolderSummary } from "@/lib/mailboxes/folders";
import { UnreadCount } from "./UnreadCount";

type Props = {
  nodes: FolderNode<FolderSummary>[];
  address: string;
  currentId: string;
  names: Record<string, string>;
  /** When the counts were read (server time). */
  at: number;
};

/** Nested folder links, each with its unread count; the current folder is aria-current. */
export function FolderLinks({ nodes, address, currentId, names, at }: Props) {
  if (nodes.length === 0) return null;
  return (
    <ul className={nodes[0]!.depth === 0 ? "" : "ml-3 border-l border-slate-100"}>
      {nodes.map(({ folder, children }) => {
        const current = folder.id === currentId;
        return (
          <li key={folder.id}>
            <Link
              href={`/mail/${encodeURIComponent(address)}/${folderSegment(folder)}`}
              aria-current={current ? "page" : undefined}
              data-folder={folderSegment(folder)}
              data-drop-mailbox={address}
              data-drop-folder-id={folder.id}
              className="folder-link"
            >
              <span className="truncate">{names[folder.id]}</span>
              <UnreadCount folderId={folder.id} count={folder.unreadCount} at={at} />
            </Link>
            <FolderLinks nodes={children} address={address} currentId={currentId} names={names} at={at} />
          </li>
        );
      })}
    </ul>
  );
}
