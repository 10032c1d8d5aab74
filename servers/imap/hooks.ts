import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { verifySignIn } from "@/lib/auth/sign-in";
import { DomainError } from "@/lib/errors";
import { appendMessage } from "@/lib/imap-store/append";
import { fetchMessageBatches, type FetchNeed } from "@/lib/imap-store/fetch";
import { listImapFolders, resolveImapFolder } from "@/lib/imap-store/folders";
import {
  copyMessages,
  expungeDeleted,
  moveMessages,
  openFolder,
  searchUids,
  storeFlags,
} from "@/lib/imap-store/messages";
import type { SearchTerm } from "@/lib/imap-store/search";
import { addSharedFolder, removeSharedFolder } from "@/lib/shared-folders/shared-folder-links";
import { compileResponse, compileStream, fetchResponse, type ImapCoreServer, type ImapSession } from "./imap-core";
import { SelectedFolder } from "./notifier";
import { guardImapSessions, openImapSession } from "./session-guard";

type Callback = (err: unknown, result?: unknown, info?: unknown) => void;

/** Fetch items answered from the listing row alone, or from the stored summaries; the rest need the message. */
const METADATA_ITEMS = new Set(["uid", "flags", "internaldate", "rfc822.size", "modseq"]);

function fetchNeed(query: { item: string }[]): FetchNeed {
  const items = query.map((q) => String(q.item));
  return {
    envelope: items.includes("envelope"),
    bodystructure: items.includes("bodystructure"),
    raw: items.some((i) => !METADATA_ITEMS.has(i) && i !== "envelope" && i !== "bodystructure"),
  };
}

/** A refusal the client can act on: the IMAP response code for a domain error, else a real failure. */
function codeOf(error: unknown): string | null {
  if (!(error instanceof DomainError)) return null;
  switch (error.code) {
    case "notFound":
      return "NONEXISTENT";
    case "tryCreate":
      return "TRYCREATE";
    case "quotaExceeded":
      return "OVERQUOTA";
    case "deleteProtected":
    case "moveOutProtected":
      return "NOPERM";
    case "unsupportedSearch":
    case "invalid":
      return "CANNOT";
    default:
      return "CANNOT";
  }
}

function settle(callback: Callback, log: (error: unknown) => void) {
  return (error: unknown) => {
    const code = codeOf(error);
    if (code) return callback(null, code);
    log(error);
    callback(error);
  };
}

const actorOf = (session: ImapSession): Actor => session.user.actor;
const selectedOf = (mailbox: unknown): SelectedFolder => mailbox as SelectedFolder;

/** Every IMAP hook of the protocol layer, each a call to Mailroom's domain functions. */
export function installHooks(server: ImapCoreServer, db: Db, log: (error: unknown) => void) {
  server.onAuth = (login: { username: string; password: string }, session: ImapSession, callback: Callback) => {
    verifySignIn(db, { address: login.username ?? "", password: login.password ?? "", client: session.remoteAddress })
      .then(async (result) => {
        if (!result.ok) return callback(null, { message: "Authentication failed" });
        const user = await openImapSession(db, result.account, session.remoteAddress);
        callback(null, { user });
      })
      .catch(settle(callback, log));
  };

  const listing = (subscribedOnly: boolean) => (_query: string, session: ImapSession, callback: Callback) => {
    listImapFolders(db, actorOf(session))
      .then((list) => {
        // The shared namespace's containers (`Shared`, `Shared/<address>`) are not listed here:
        // imap-core adds every missing parent of a listed path as \Noselect \HasChildren.
        const folders: { path: string; specialUse?: string }[] = [];
        for (const f of list) {
          if (subscribedOnly && !f.subscribed) continue;
          folders.push({ path: f.path, specialUse: f.mailboxId === actorOf(session).id ? f.specialUse : undefined });
        }
        callback(null, folders);
      })
      .catch(settle(callback, log));
  };
  server.onList = listing(false);
  server.onLsub = listing(true);

  /** Subscribing to a shared mailbox adds it to the folder tree (as "Add shared folder"); unsubscribing removes it. */
  const subscription = (subscribe: boolean) => (path: string, session: ImapSession, callback: Callback) => {
    const actor = actorOf(session);
    resolveImapFolder(db, actor, path)
      .then(async (opened) => {
        if (!opened) return callback(null, "NONEXISTENT");
        if (opened.access.isOwner) return callback(null, subscribe ? true : "CANNOT");
        if (subscribe) await addSharedFolder(db, actor, { query: opened.access.mailbox.address });
        else await removeSharedFolder(db, actor, { mailboxId: opened.access.mailbox.id });
        callback(null, true);
      })
      .catch(settle(callback, log));
  };
  server.onSubscribe = subscription(true);
  server.onUnsubscribe = subscription(false);

  server.onOpen = (path: string, session: ImapSession, callback: Callback) => {
    const actor = actorOf(session);
    openFolder(db, actor, path)
      .then((opened) => {
        const known = new Map(opened.messages.map((m) => [m.uid, m.flags.join(" ")]));
        const selected = new SelectedFolder(
          `${opened.folder.mailboxId}:${opened.folder.folderId}`,
          opened.folder.path,
          actor,
          known,
        );
        callback(null, {
          _id: selected,
          specialUse: opened.folder.specialUse,
          uidValidity: opened.folder.uidValidity,
          uidNext: opened.folder.uidNext,
          modifyIndex: 0,
          uidList: opened.messages.map((m) => m.uid),
        });
      })
      .catch(settle(callback, log));
  };

  server.onStatus = (path: string, session: ImapSession, callback: Callback) => {
    resolveImapFolder(db, actorOf(session), path)
      .then((opened) => {
        if (!opened) return callback(null, "NONEXISTENT");
        const f = opened.folder;
        callback(null, {
          messages: f.total,
          uidNext: f.uidNext,
          uidValidity: f.uidValidity,
          unseen: f.unread,
          highestModseq: 0,
        });
      })
      .catch(settle(callback, log));
  };

  server.onFetch = (mailbox: unknown, options: FetchOptions, session: ImapSession, callback: Callback) => {
    const selected = selectedOf(mailbox);
    const need = fetchNeed(options.query);
    (async () => {
      if (options.markAsSeen) {
        const changed = await storeFlags(db, selected.actor, selected.path, options.messages, "add", ["\\Seen"]);
        for (const m of changed) selected.remember(m.uid, m.flags);
      }
      const batches = fetchMessageBatches(db, selected.actor, selected.path, options.messages, need);
      const written = () => new Promise<void>((resolve) => session.writeStream.write(false, () => resolve()));
      for await (const batch of batches) {
        const compiled: string[] = [];
        for (const message of batch) {
          selected.remember(message.uid, message.flags);
          const values = session.getQueryResponse(options.query, message, {
            acceptUTF8Enabled: session.isUTF8Enabled(),
          });
          const response = fetchResponse(session, message.uid, { query: options.query, values });
          if (!response) continue;
          if (need.raw) {
            // A message body goes out as a stream, and the next one is read once the socket took it:
            // a client that does not read holds one message in memory, not the folder.
            const stream = compileStream(response);
            await new Promise<void>((resolve) => session.writeStream.write(stream, () => resolve()));
          } else compiled.push(compileResponse(response));
        }
        // One write per batch of listing responses (the composer adds the last line's CRLF).
        if (compiled.length) session.writeStream.write({ compiled: compiled.join("\r\n") });
        // The next batch is read once the socket has taken this one (backpressure, one batch in memory).
        await written();
        if (session.socket?.destroyed) break;
      }
      callback(null, true);
    })().catch(settle(callback, log));
  };

  server.onStore = (mailbox: unknown, update: StoreUpdate, session: ImapSession, callback: Callback) => {
    const selected = selectedOf(mailbox);
    storeFlags(db, selected.actor, selected.path, update.messages, update.action, update.value)
      .then((changed) => {
        for (const m of changed) {
          selected.remember(m.uid, m.flags);
          if (!update.silent) {
            const response = fetchResponse(session, m.uid, { uid: update.isUid ? m.uid : false, flags: m.flags });
            if (response) session.writeStream.write(response);
          }
        }
        callback(null, true, []);
      })
      .catch(settle(callback, log));
  };

  server.onExpunge = (mailbox: unknown, update: ExpungeUpdate, session: ImapSession, callback: Callback) => {
    const selected = selectedOf(mailbox);
    expungeDeleted(db, selected.actor, selected.path, update.isUid ? update.messages : undefined)
      .then((uids) => {
        selected.forget(uids);
        for (const uid of uids) {
          if (!update.silent) session.writeStream.write(session.formatResponse("EXPUNGE", uid));
        }
        callback(null, true);
      })
      .catch(settle(callback, log));
  };

  server.onCopy = (_c: unknown, mailbox: unknown, update: CopyUpdate, _s: ImapSession, callback: Callback) => {
    const selected = selectedOf(mailbox);
    copyMessages(db, selected.actor, selected.path, update.messages, update.destination)
      .then((result) => callback(null, true, result))
      .catch(settle(callback, log));
  };

  server.onMove = (mailbox: unknown, update: CopyUpdate, session: ImapSession, callback: Callback) => {
    const selected = selectedOf(mailbox);
    moveMessages(db, selected.actor, selected.path, update.messages, update.destination)
      .then((result) => {
        selected.forget(result.sourceUid);
        for (const uid of result.sourceUid) session.writeStream.write(session.formatResponse("EXPUNGE", uid));
        callback(null, true, result);
      })
      .catch(settle(callback, log));
  };

  server.onAppend = (
    path: string,
    flags: string[],
    date: string | Date | undefined,
    raw: Buffer,
    session: ImapSession,
    callback: Callback,
  ) => {
    appendMessage(db, actorOf(session), { path, raw, flags: flags ?? [], date: date ? new Date(date) : undefined })
      .then((result) => callback(null, true, result))
      .catch(settle(callback, log));
  };

  server.onSearch = (mailbox: unknown, options: { query: SearchTerm[] }, _s: ImapSession, callback: Callback) => {
    const selected = selectedOf(mailbox);
    searchUids(db, selected.actor, selected.path, options.query)
      .then((uidList) => callback(null, { uidList, highestModseq: 0 }))
      .catch((error) => {
        const code = codeOf(error);
        if (code) return callback(null, { uidList: code });
        log(error);
        callback(error);
      });
  };
  guardImapSessions(server, db, log);
}

type FetchOptions = { query: { item: string }[]; messages: number[]; markAsSeen: boolean };
type StoreUpdate = {
  action: "set" | "add" | "remove";
  value: string[];
  messages: number[];
  silent: boolean;
  isUid: boolean;
};
type ExpungeUpdate = { messages: number[]; silent: boolean; isUid: boolean };
type CopyUpdate = { destination: string; messages: number[] };
