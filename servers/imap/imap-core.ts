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
};
const imapTools = require("@zone-eu/wildduck/imap-core/lib/imap-tools.js") as {
  sendCapabilityResponse: (connection: any) => void;
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

/** Announces the shared namespace and only the capabilities Mailroom implements (with servers/imap/extensions.ts). */
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
