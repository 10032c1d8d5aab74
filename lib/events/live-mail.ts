import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbHandle } from "@/db/client";
import { accounts, folders } from "@/db/schema";
import { mailboxesWith } from "@/lib/access/mailbox-access";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";
import { unreadFor } from "@/lib/messages/read-state";
import { repliersIn, type Replier } from "@/lib/replies/presence";
import { listenMailboxChanges, type FolderChange, type MailboxChanges } from "./mailbox-changes";

/**
 * New mail without reloading: the change notifications of lib/events/mailbox-changes.ts (one LISTEN
 * per process, whatever the number of open browser tabs), turned for one signed-in actor into
 * events naming the folders that changed in the mailboxes they may open (Full Access or owner,
 * `mailboxesWith(db, actor, "fullAccess")`), with the folders' counters as of `at` (server time).
 *
 * A notification for a mailbox outside the actor's set is dropped without a query. Notifications
 * for the others are gathered for `delayMs` and sent as one event, read in one query that joins the
 * access rule again: a delegation revoked since the stream opened sends nothing more. `recheck()`
 * re-reads the set (new delegations), which the stream's owner calls on its heartbeat.
 */
export type LiveFolderCounts = { mailboxId: string; folderId: string; total: number; unread: number };
export type LiveMailEvent = { at: number; folders: LiveFolderCounts[] };
/** Who else is replying in a conversation now (lib/replies/presence.ts); `people` empty: nobody. */
export type LiveReplyingEvent = { mailboxId: string; threadId: string; people: Replier[] };

export type LiveMailWatch = {
  /** Re-reads the mailboxes the actor may open. */
  recheck: () => Promise<void>;
  close: () => void;
};

const perHandle = new WeakMap<DbHandle, Promise<MailboxChanges>>();

/** The process's one listener on the database's change notifications, for this handle. */
export function sharedMailboxChanges(handle: DbHandle): Promise<MailboxChanges> {
  let changes = perHandle.get(handle);
  if (!changes) {
    changes = listenMailboxChanges(handle);
    changes.catch(() => perHandle.delete(handle));
    perHandle.set(handle, changes);
  }
  return changes;
}

async function openableMailboxIds(db: Db, actor: Actor): Promise<Set<string>> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(mailboxesWith(db, actor, "fullAccess"));
  return new Set(rows.map((r) => r.id));
}

/** The counters of these folders, in mailboxes the actor may open now (one query). */
async function readCounts(db: Db, actor: Actor, folderIds: string[]): Promise<LiveFolderCounts[]> {
  return db
    .select({
      mailboxId: folders.accountId,
      folderId: folders.id,
      total: folders.totalCount,
      unread: unreadFor(actor.id),
    })
    .from(folders)
    .innerJoin(accounts, and(eq(accounts.id, folders.accountId), eq(accounts.orgId, folders.orgId)))
    .where(and(inArray(folders.id, folderIds), eq(folders.orgId, actor.orgId), mailboxesWith(db, actor, "fullAccess")));
}

/**
 * Watches the mailboxes the actor may open; `send` gets one event per burst of changes. Resolves
 * once the actor's set is read and the subscription is in place.
 */
export async function watchLiveMail(
  db: Db,
  changes: MailboxChanges,
  actor: Actor,
  send: (event: LiveMailEvent) => void,
  options: {
    delayMs?: number;
    onError?: (error: unknown) => void;
    /** Who is replying changed in a conversation of a mailbox the actor may open. */
    sendReplying?: (event: LiveReplyingEvent) => void;
  } = {},
): Promise<LiveMailWatch> {
  const delayMs = options.delayMs ?? 150;
  let openable = await openableMailboxIds(db, actor);
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = async () => {
    timer = undefined;
    const folderIds = [...pending];
    pending = new Set();
    if (closed || folderIds.length === 0) return;
    try {
      const at = Date.now();
      const counts = await readCounts(db, actor, folderIds);
      if (!closed && counts.length > 0) send({ at, folders: counts });
    } catch (error) {
      options.onError?.(error);
    }
  };

  const unsubscribe = changes.subscribe((change: FolderChange) => {
    if (closed || !openable.has(change.accountId)) return;
    pending.add(change.folderId);
    timer ??= setTimeout(() => void flush(), delayMs);
  });

  const sendReplying = options.sendReplying;
  const unsubscribeReplying = sendReplying
    ? changes.subscribeReplying(async ({ accountId, threadId }) => {
        if (closed || !openable.has(accountId)) return;
        try {
          // The access rule is checked again: a delegation revoked since the stream opened gets nothing.
          const people = await repliersIn(db, actor, accountId, threadId);
          if (!closed) sendReplying({ mailboxId: accountId, threadId, people });
        } catch (error) {
          if (!(error instanceof DomainError)) options.onError?.(error);
        }
      })
    : () => {};

  return {
    async recheck() {
      const fresh = await openableMailboxIds(db, actor);
      if (!closed) openable = fresh;
    },
    close() {
      closed = true;
      unsubscribe();
      unsubscribeReplying();
      if (timer) clearTimeout(timer);
    },
  };
}
