import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { MailboxChanges } from "@/lib/events/mailbox-changes";
import { changedMessages } from "@/lib/imap-store/changes";
import { openFolder } from "@/lib/imap-store/messages";
import type { ImapSession } from "./imap-core";

/**
 * What one session has told its client about its selected folder (UID → flags), so that a change
 * notification becomes the right untagged EXISTS / EXPUNGE / FETCH lines. The protocol layer keeps
 * this object as the selected mailbox; its string form is the change key `accountId:folderId`.
 * `pending` holds the UIDs that notifications named since the session last looked (null: the whole
 * folder, for a notification that names none).
 */
export class SelectedFolder {
  private seq = 0;
  pending: Set<number> | null = new Set();
  constructor(
    readonly key: string,
    readonly path: string,
    readonly actor: Actor,
    readonly known: Map<number, string>,
  ) {}

  toString() {
    return this.key;
  }

  nextModseq() {
    return ++this.seq;
  }

  /** Records flags the session itself has just reported to its client. */
  remember(uid: number, flags: string[]) {
    if (this.known.has(uid)) this.known.set(uid, flags.join(" "));
  }

  forget(uids: number[]) {
    for (const uid of uids) this.known.delete(uid);
  }

  /** Notes UIDs a notification named (null: anything may have changed). */
  touch(uids: number[] | null) {
    if (uids === null) this.pending = null;
    else if (this.pending) for (const uid of uids) this.pending.add(uid);
  }
}

type Entry = { command: "EXISTS" | "EXPUNGE" | "FETCH"; uid: number; flags?: string[]; modseq: number };

/** Rows the notifier has read to answer change notifications (what IDLE costs the database). */
export type NotifierStats = { rowsRead: number; lookups: number };

/** Compares what the client knows of some UIDs with what the folder now holds for them. */
function diff(selected: SelectedFolder, named: number[], now: Map<number, string>): Entry[] {
  const entries: Entry[] = [];
  const sorted = [...named].sort((a, b) => a - b);
  for (const uid of sorted) {
    if (selected.known.has(uid) && !now.has(uid)) {
      entries.push({ command: "EXPUNGE", uid, modseq: selected.nextModseq() });
    }
  }
  for (const uid of sorted) {
    const before = selected.known.get(uid);
    const flags = now.get(uid);
    if (before === undefined || flags === undefined || before === flags) continue;
    entries.push({ command: "FETCH", uid, flags: flags ? flags.split(" ") : [], modseq: selected.nextModseq() });
  }
  for (const uid of sorted) {
    if (now.has(uid) && !selected.known.has(uid)) {
      entries.push({ command: "EXISTS", uid, modseq: selected.nextModseq() });
    }
  }
  for (const uid of sorted) {
    const flags = now.get(uid);
    if (flags === undefined) selected.known.delete(uid);
    else selected.known.set(uid, flags);
  }
  return entries;
}

/**
 * The notifier the protocol layer asks for updates: it subscribes each session to the database's
 * change notifications (lib/events), which name the UIDs that changed; when asked, it reads only
 * those rows of the session's folder and turns them into EXISTS / EXPUNGE / FETCH lines.
 */
export function createNotifier(db: Db, changes: MailboxChanges, onError: (error: unknown) => void) {
  const unsubscribers = new Map<ImapSession, () => void>();
  const stats: NotifierStats = { rowsRead: 0, lookups: 0 };
  return {
    stats,
    addListener(session: ImapSession, handler: () => void) {
      const stop = changes.subscribe((change) => {
        const selected = session.selected?.mailbox;
        if (selected instanceof SelectedFolder && selected.key === `${change.accountId}:${change.folderId}`) {
          selected.touch(change.uids);
          handler();
        }
      });
      unsubscribers.set(session, stop);
    },
    removeListener(session: ImapSession) {
      unsubscribers.get(session)?.();
      unsubscribers.delete(session);
    },
    releaseConnection() {},
    getUpdates(selected: unknown, _modifyIndex: number, callback: (err: unknown, updates?: Entry[]) => void) {
      if (!(selected instanceof SelectedFolder)) return callback(null, []);
      const pending = selected.pending;
      if (pending !== null && pending.size === 0) return callback(null, []);
      selected.pending = new Set();
      stats.lookups++;
      const read =
        pending === null
          ? openFolder(db, selected.actor, selected.path).then((opened) => opened.messages)
          : changedMessages(db, selected.actor, selected.path, [...pending]);
      read.then(
        (rows) => {
          stats.rowsRead += rows.length;
          const now = new Map(rows.map((r) => [r.uid, r.flags.join(" ")]));
          const named = pending === null ? [...new Set([...selected.known.keys(), ...now.keys()])] : [...pending];
          callback(null, diff(selected, named, now));
        },
        (error) => {
          // Access revoked or folder gone: nothing to announce; the next command answers NO.
          if ((error as { code?: string }).code !== "notFound") onError(error);
          callback(null, []);
        },
      );
    },
  };
}
