import { createRequire } from "node:module";

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
  IMAPConnection: { prototype: { formatResponse: (command: string, uid: number, data: unknown) => unknown } };
};
const namespaceCommand = require("@zone-eu/wildduck/imap-core/lib/commands/namespace.js") as {
  handler: (this: any, command: unknown, callback: (err: null, result: { response: string }) => void) => void;
};
const coreErrors = require("@zone-eu/wildduck/lib/errors.js") as {
  gelf: { handler: { emit: (channel: string, message: unknown) => void } };
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Capabilities the core announces that Mailroom does not serve (yet): never advertised. */
const NOT_SERVED = new Set(["CONDSTORE", "QUOTA", "XLIST", "COMPRESS=DEFLATE"]);

let patched = false;

/** Announces the shared namespace and only the capabilities Mailroom implements. */
function patchCore(sharedPrefix: string, separator: string) {
  if (patched) return;
  patched = true;
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
