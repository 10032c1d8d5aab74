import type { SMTPServer } from "smtp-server";

/** A reply text that starts with its own RFC 3463 enhanced status code, e.g. "5.7.1 Relaying denied". */
const OWN_CODE = /^[245]\.\d{1,3}\.\d{1,3} /;

type Connection = { send: (code: number, data: unknown, context?: unknown) => void };
const patched = new WeakSet<object>();

function patch(proto: Connection): void {
  if (patched.has(proto)) return;
  patched.add(proto);
  const send = proto.send;
  proto.send = function (this: Connection, code: number, data: unknown, context?: unknown) {
    if (typeof data === "string" && OWN_CODE.test(data)) return send.call(this, code, data, false);
    return send.call(this, code, data, context);
  };
}

/**
 * smtp-server derives the enhanced status code of an error reply from its basic code alone
 * (every 550 becomes 5.1.1), but an MX must say 550 5.1.1 for an unknown user and 550 5.7.1 for a
 * relay attempt. Replies whose text already starts with an enhanced code are sent as they are;
 * every other reply keeps the library's code. The connection class is taken from the server's own
 * first connection, so the change reaches the class this server uses however the package is loaded.
 */
export function useOwnEnhancedCodes(server: SMTPServer): void {
  const connections = server.connections as Set<object>;
  const add = connections.add.bind(connections);
  connections.add = (connection: object) => {
    patch(Object.getPrototypeOf(connection) as Connection);
    return add(connection);
  };
}
