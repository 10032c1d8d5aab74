// The client's address, from the socket, never from a header the client can write. Loaded into the
// server process with `node --import` (see serverNodeOptions): Next.js keeps an X-Forwarded-For the
// client sent, so the address is resolved here, before Next.js sees the request, and handed on in
// CLIENT_ADDRESS_HEADER (a value a client sends in it is overwritten). X-Forwarded-For is read only
// hop by hop from the socket through the proxies listed in MAILROOM_TRUSTED_PROXIES.
import { randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";

export const CLIENT_ADDRESS_HEADER = "x-mailroom-client-address";
/** Each request's id (generated here, over any sent), in the request and the response. */
export const REQUEST_ID_HEADER = "x-request-id";

/** "::ffff:192.0.2.1" → "192.0.2.1"; anything that is not an IP address → null. */
export function normalizeAddress(value) {
  if (typeof value !== "string") return null;
  let text = value.trim();
  if (text.startsWith("[") && text.includes("]")) text = text.slice(1, text.indexOf("]"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) text = mapped[1];
  return net.isIP(text) ? text.toLowerCase() : null;
}

/** MAILROOM_TRUSTED_PROXIES: addresses or CIDR ranges, separated by commas or spaces. */
export function parseTrustedProxies(text = "") {
  const list = new net.BlockList();
  const entries = text.split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    const [base, bits] = entry.split("/");
    const address = normalizeAddress(base);
    if (!address) throw new Error(`MAILROOM_TRUSTED_PROXIES: "${entry}" is not an IP address or range`);
    const family = net.isIPv6(address) ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, family);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === "ipv6" ? 128 : 32))
        throw new Error(`MAILROOM_TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
      list.addSubnet(address, prefix, family);
    }
  }
  return { size: entries.length, has: (a) => list.check(a, net.isIPv6(a) ? "ipv6" : "ipv4") };
}

/**
 * The socket's address, or, while the hop we are looking at is a trusted proxy, the address that
 * proxy put last in X-Forwarded-For (walking right to left). An unparsable entry stops the walk.
 */
export function resolveClientAddress(socketAddress, forwardedFor, trusted) {
  let address = normalizeAddress(socketAddress);
  if (!address) return "unknown";
  if (!trusted.size || !forwardedFor) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  while (trusted.has(address) && hops.length) {
    const next = normalizeAddress(hops.pop());
    if (!next) break;
    address = next;
  }
  return address;
}

/** Installs the resolution on every HTTP server of this process (once). */
export function installClientAddress(env = process.env) {
  if (globalThis.__mailroomClientAddress) return;
  globalThis.__mailroomClientAddress = true;
  const trusted = parseTrustedProxies(env.MAILROOM_TRUSTED_PROXIES ?? "");
  const emit = http.Server.prototype.emit;
  const servers = (globalThis.__mailroomHttpServers ??= new Set());
  http.Server.prototype.emit = function (event, ...args) {
    // Known to the shutdown (lib/runtime/shutdown.ts), which stops them accepting on SIGTERM.
    if (event === "listening" || event === "request") servers.add(this);
    if (event === "close") servers.delete(this);
    if (event === "request" && args[0]?.headers) {
      const request = args[0];
      request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
        request.socket?.remoteAddress,
        request.headers["x-forwarded-for"],
        trusted,
      );
      const id = randomUUID();
      request.headers[REQUEST_ID_HEADER] = id;
      args[1]?.setHeader?.("X-Request-Id", id);
      // The server's request log and metrics (set by instrumentation.ts).
      globalThis.__mailroomOnRequest?.(request, args[1]);
    }
    return emit.call(this, event, ...args);
  };
}
