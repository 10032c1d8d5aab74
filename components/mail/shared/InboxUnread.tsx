import type { FolderSummary } from "@/lib/mailboxes/folders";
import { UnreadCount } from "../UnreadCount";

/**
 * Beside a collapsed mailbox's name: its Inbox's unread count, so that new mail still shows while
 * its folders are hidden (kept fresh as the folder pane's counts are).
 */
export function InboxUnread({ folders, at }: { folders: FolderSummary[]; at: number }) {
  const inbox = folders.find((f) => f.kind === "inbox");
  return inbox ? <UnreadCount folderId={inbox.id} count={inbox.unreadCount} at={at} inInbox /> : null;
}
