import { createRequire } from "node:module";
import { EXTENSION_CAPABILITIES } from "./extensions";

/**
 * The protocol layer: WildDuck's `imap-core` (parser, command state machine, IDLE, literals,
 * BODYSTRUCTURE/ENVELOPE from a MIME tree). Mailroom supplies every hook; storage, rights and
 * search are its own domain functions (lib/imap-store). Loaded with require: it is CommonJS.
 */
const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any */
export type ImapCoreServer = any;
export type ImapSession = any;

const core = require("@zone-eu/wildduck/imap-core") as { IMAPServer: new (options: object) => ImapCoreServer };
const imapHandler = require("@zone-eu/wildduck/imap-core/lib/handler/imap-handler.js") as {
  compileStream: (response: unknown) => unknown;
  compiler: (response: unknown) => string;
};
const imapTools = require("@zone-eu/wildduck/imap-core/lib/imap-tools.js") as {
  sendCapabilityResponse: (connection: any) => void;
};
const imapConnection = require("@zone-eu/wildduck/imap-core/lib/imap-connection.js") as {
  IMAPConnection: { prototype: any };
};
const imapStream = require("@zone-eu/wildduck/imap-core/lib/imap-stream.js") as {
  IMAPStream: { prototype: any };
};
const imapCommand = require("@zone-eu/wildduck/imap-core/lib/imap-command.js") as {
  IMAPCommand: { prototype: any };
};
const namespaceCommand = require("@zone-eu/wildduck/imap-core/lib/commands/namespace.js") as {
  handler: (this: any, command: unknown, callback: (err: null, result: { response: string }) => void) => void;
};
const coreErrors = require("@zone-eu/wildduck/lib/errors.js") as {
  gelf: { handler: { emit: (channel: string, message: unknown) => void } };
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Capabilities the core announces that Mailroom does not serve (yet): never advertised. */
const NOT_SERVED = new Set(["CONDSTORE", "XLIST", "COMPRESS=DEFLATE"]);

let patched = false;

/* eslint-disable @typescript-eslint/no-explicit-any -- the core's internals are untyped JavaScript */
/** The connection behind each session the core hands to hooks (to end it whatever its socket). */
const connections = new WeakMap<object, any>();

/**
 * Ends a connection with `* BYE <reason>` (over TLS when it was upgraded by STARTTLS: the core's
 * connection writes to its current socket, the session's `socket` stays the plain one).
 */
export function endConnection(session: ImapSession, reason: string): void {
  const connection = session ? connections.get(session) : undefined;
  if (!connection) {
    session?.socket?.end(`* BYE ${reason}\r\n`);
    return;
  }
  if (connection._closing || connection._closed) return;
  connection.clearNotificationListener?.();
  connection.send(`* BYE ${reason}`);
  setImmediate(() => connection.close());
}

/** Longest command line (outside literals) the parser keeps while waiting for its end. */
export const MAX_LINE_BYTES = 64 * 1024;
/** Most bytes one command other than APPEND may carry, literals included. */
export const MAX_COMMAND_BYTES = 1024 * 1024;

/**
 * Bounds what the parser buffers for one command: the core keeps an unfinished line whole until its
 * CRLF, and adds literal after literal (each up to 1 KiB) to a command without a total. Past either
 * bound the connection is told `* BYE` and closed; nothing more of it is read.
 */
function boundCommands() {
  const write = imapStream.IMAPStream.prototype._write;
  imapStream.IMAPStream.prototype._write = function (this: any, chunk: Buffer, encoding: string, done: any) {
    write.call(this, chunk, encoding, (error?: Error) => {
      if (!error && this._remainder.length > MAX_LINE_BYTES && this._expecting === 0) {
        this._remainder = "";
        this.onoverflow?.("Command line too long");
        return;
      }
      done(error);
    });
  };
  const append = imapCommand.IMAPCommand.prototype.append;
  imapCommand.IMAPCommand.prototype.append = function (this: any, command: any, callback: any) {
    // The core names the command while appending its first line: read it here from that line.
    const name = String(this.command ?? String(command.value ?? "").split(" ")[1] ?? "").toUpperCase();
    this.bytesSeen = (this.bytesSeen ?? 0) + String(command.value ?? "").length;
    if (command.literal && name !== "APPEND") this.bytesSeen += Number(command.expecting) || 0;
    if (this.bytesSeen > MAX_COMMAND_BYTES && name !== "APPEND") {
      this.connection._parser?.onoverflow?.("Command too long");
      return;
    }
    return append.call(this, command, callback);
  };
  const init = imapConnection.IMAPConnection.prototype.init;
  imapConnection.IMAPConnection.prototype.init = function (this: any, ...args: unknown[]) {
    if (this.session) connections.set(this.session, this);
    this._parser.onoverflow = (reason: string) => {
      if (this._closing || this._closed) return;
      this.send(`* BYE ${reason}`);
      // A graceful end: the client reads the BYE before the socket goes (unread input would reset it).
      setImmediate(() => this.close());
    };
    return init.apply(this, args);
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Announces the shared namespace and only the capabilities Mailroom implements (with servers/imap/extensions.ts). */
function patchCore(sharedPrefix: string, separator: string) {
  if (patched) return;
  patched = true;
  boundCommands();
  // The core prints every client's protocol error (a BAD command) to stderr: not a server fault.
  coreErrors.gelf.handler.emit = () => {};
  const sendCapability = imapTools.sendCapabilityResponse;
  imapTools.sendCapabilityResponse = (connection) => {
    const send = connection.send;
    const filtered = Object.create(connection);
    filtered.send = (line: string) =>
      send.call(
        connection,
        line
          .split(" ")
          .filter((word) => !NOT_SERVED.has(word))
          .concat(EXTENSION_CAPABILITIES)
          .join(" "),
      );
    sendCapability(filtered);
  };
  namespaceCommand.handler = function (_command, callback) {
    this.send(`* NAMESPACE (("" "${separator}")) NIL (("${sharedPrefix}${separator}" "${separator}"))`);
    callback(null, { response: "OK" });
  };
}

export function createCoreServer(options: object, shared: { prefix: string; separator: string }): ImapCoreServer {
  patchCore(shared.prefix, shared.separator);
  return new core.IMAPServer(options);
}

export const compileStream = imapHandler.compileStream;
export const compileResponse = imapHandler.compiler;

/** Position (0-based) of a UID in the session's ascending UID list, by binary search; -1 if absent. */
function indexOfUid(uidList: number[], uid: number): number {
  let low = 0;
  let high = uidList.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = uidList[mid]!;
    if (value === uid) return mid;
    if (value < uid) low = mid + 1;
    else high = mid - 1;
  }
  return uidList.indexOf(uid);
}

/**
 * The untagged FETCH response of one message, as the session's `formatResponse` builds it, with
 * its sequence number found by binary search: the core's own looks the UID up with indexOf, which
 * makes a FETCH of a 100,000-message folder quadratic. Null when the UID is no longer listed.
 */
export function fetchResponse(session: ImapSession, uid: number, data: unknown): unknown {
  const uidList: number[] = session.selected?.uidList ?? [];
  const index = indexOfUid(uidList, uid);
  if (index < 0) return null;
  const view = { selected: { uidList: { indexOf: () => index } } };
  return imapConnection.IMAPConnection.prototype.formatResponse.call(view, "FETCH", uid, data);
}
