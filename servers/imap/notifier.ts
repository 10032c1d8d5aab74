import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { MailboxChanges } from "@/lib/events/mailbox-changes";
import { folderFlags } from "@/lib/imap-store/messages";
import type { ImapSession } from "./imap-core";

/**
 * What one session has told its client about its selected folder (UID → flags), so that a change
 * notification becomes the right untagged EXISTS / EXPUNGE / FETCH lines. The protocol layer keeps
 * this object as the selected mailbox; its string form is the change key `accountId:folderId`.
 */
export class SelectedFolder {
  private seq = 0;
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
}

type Entry = { command: "EXISTS" | "EXPUNGE" | "FETCH"; uid: number; flags?: string[]; modseq: number };

/**
 * The notifier the protocol layer asks for updates: it subscribes each session to the database's
 * change notifications (lib/events) and, when its folder changed, computes what is new.
 */
export function createNotifier(db: Db, changes: MailboxChanges, onError: (error: unknown) => void) {
  const unsubscribers = new Map<ImapSession, () => void>();
  return {
    addListener(session: ImapSession, handler: () => void) {
      const stop = changes.subscribe((change) => {
        const selected = session.selected?.mailbox;
        if (selected instanceof SelectedFolder && selected.key === `${change.accountId}:${change.folderId}`) handler();
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
      folderFlags(db, selected.actor, selected.path).then(
        (rows) => {
          const now = new Map(rows.map((r) => [r.uid, r.flags.join(" ")]));
          const entries: Entry[] = [];
          for (const uid of [...selected.known.keys()].sort((a, b) => a - b)) {
            if (!now.has(uid)) entries.push({ command: "EXPUNGE", uid, modseq: selected.nextModseq() });
          }
          for (const [uid, flags] of now) {
            const before = selected.known.get(uid);
            if (before === undefined) continue;
            if (before !== flags) {
              entries.push({
                command: "FETCH",
                uid,
                flags: flags ? flags.split(" ") : [],
                modseq: selected.nextModseq(),
              });
            }
          }
          for (const [uid] of now) {
            if (!selected.known.has(uid)) entries.push({ command: "EXISTS", uid, modseq: selected.nextModseq() });
          }
          selected.known.clear();
          for (const [uid, flags] of now) selected.known.set(uid, flags);
          callback(null, entries);
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
