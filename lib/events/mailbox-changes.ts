import "server-only";
import type { DbHandle } from "@/db/client";

/**
 * Change notifications for mailbox folders. Triggers on messages call
 * `pg_notify('mailroom_mailbox', 'accountId:folderId:uid,uid,…')` (the UIDs inserted, updated or
 * deleted in that folder, 500 at most per notification), delivered at commit whatever door made the
 * change; this module listens on the database (postgres.js `listen` on its own connection, PGlite's
 * in-process `listen`) and hands each change to the subscribers of this process.
 */
export const MAILBOX_CHANNEL = "mailroom_mailbox";
/** Who is replying in a conversation changed: `accountId:threadId` (lib/replies/presence.ts). */
export const REPLYING_CHANNEL = "mailroom_replying";

/** A change to some messages of a folder; `uids` is null only for a notification that names none. */
export type FolderChange = { accountId: string; folderId: string; uids: number[] | null };
type Listener = (change: FolderChange) => void;

/** Someone started, kept up or stopped writing a reply in a shared mailbox's conversation. */
export type ReplyingChange = { accountId: string; threadId: string };
type ReplyingListener = (change: ReplyingChange) => void;

export type MailboxChanges = {
  subscribe: (listener: Listener) => () => void;
  /** Changes of who is replying (lib/replies/presence.ts), on their own channel. */
  subscribeReplying: (listener: ReplyingListener) => () => void;
  close: () => Promise<void>;
};

type ListenClient = {
  listen: (channel: string, fn: (payload: string) => void) => Promise<unknown>;
};

function parse(payload: string): FolderChange | null {
  const [accountId, folderId, list] = payload.split(":");
  if (!accountId || !folderId) return null;
  const uids = list ? list.split(",").map(Number).filter(Number.isInteger) : null;
  return { accountId, folderId, uids };
}

async function unlisten(stopper: unknown): Promise<void> {
  if (typeof stopper === "function") await stopper();
  else if (stopper && typeof (stopper as { unlisten?: unknown }).unlisten === "function") {
    await (stopper as { unlisten: () => Promise<void> }).unlisten();
  }
}

export async function listenMailboxChanges(handle: DbHandle): Promise<MailboxChanges> {
  const listeners = new Set<Listener>();
  const replyingListeners = new Set<ReplyingListener>();
  const client = (handle.db as unknown as { $client: ListenClient }).$client;
  const stopper = await client.listen(MAILBOX_CHANNEL, (payload) => {
    const change = parse(payload);
    if (change) for (const listener of listeners) listener(change);
  });
  const replyingStopper = await client.listen(REPLYING_CHANNEL, (payload) => {
    const [accountId, threadId] = payload.split(":");
    if (accountId && threadId) for (const listener of replyingListeners) listener({ accountId, threadId });
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeReplying(listener) {
      replyingListeners.add(listener);
      return () => replyingListeners.delete(listener);
    },
    async close() {
      listeners.clear();
      replyingListeners.clear();
      await unlisten(stopper);
      await unlisten(replyingStopper);
    },
  };
}
