import fs from "node:fs";

/** How one IMAP port secures its connections. */
export type ImapSecurity = "plain" | "starttls" | "implicit";
export type ImapListenerConfig = { port: number; security: ImapSecurity };

export type ImapLimits = {
  /** Open connections from one client address, over every IMAP port of the process. */
  maxConnectionsPerClient: number;
  /** Open connections in all, over every IMAP port of the process. */
  maxConnections: number;
};

export type ImapConfig = {
  host: string;
  /** The ports to open: the plain one, 993 (implicit TLS) and 143 (STARTTLS before LOGIN). */
  listeners: ImapListenerConfig[];
  /** PEM key and certificate, when MAILROOM_TLS_CERT/_KEY are set. */
  tls?: { key: Buffer; cert: Buffer };
  limits: ImapLimits;
};

export class ImapConfigError extends Error {}

export const DEFAULT_IMAP_PORT = 1143;
export const DEFAULT_IMAPS_PORT = 993;
export const DEFAULT_IMAP_STARTTLS_PORT = 143;
export const DEFAULT_IMAP_LIMITS: ImapLimits = { maxConnectionsPerClient: 50, maxConnections: 5000 };

/** A port variable: a number, "off" (null), or the fallback when unset. */
function portOf(env: Record<string, string | undefined>, name: string, fallback: number | null): number | null {
  const text = (env[name] ?? "").trim();
  if (text.toLowerCase() === "off") return null;
  if (text === "") return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ImapConfigError(`${name} must be a port number or "off", not "${text}"`);
  return port;
}

function countOf(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = (env[name] ?? "").trim();
  if (text === "") return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new ImapConfigError(`${name} must be a whole number of at least 1`);
  return n;
}

/**
 * The IMAP listeners' settings, or null when no port is open. Without a certificate: the plain port
 * MAILROOM_IMAP_PORT (default 1143; the demo's). With MAILROOM_TLS_CERT/_KEY (shared with SMTP):
 * MAILROOM_IMAPS_PORT (default 993, implicit TLS) and MAILROOM_IMAP_STARTTLS_PORT (default 143,
 * LOGIN refused before STARTTLS), and the plain port only when MAILROOM_IMAP_PORT is set explicitly
 * (a local or test port: passwords travel in clear). Each may be "off". MAILROOM_IMAP_HOST: default
 * 127.0.0.1 for the demo, every interface otherwise. Limits: MAILROOM_IMAP_MAX_PER_CLIENT,
 * MAILROOM_IMAP_MAX_CONNECTIONS.
 */
export function imapConfigFromEnv(env: Record<string, string | undefined> = process.env): ImapConfig | null {
  const certFile = env.MAILROOM_TLS_CERT;
  const keyFile = env.MAILROOM_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile))
    throw new ImapConfigError("set both MAILROOM_TLS_CERT and MAILROOM_TLS_KEY (PEM files), or neither");
  let tls: ImapConfig["tls"];
  try {
    tls = certFile && keyFile ? { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) } : undefined;
  } catch (error) {
    throw new ImapConfigError(`cannot read the TLS certificate or key: ${(error as Error).message}`);
  }
  const listeners: ImapListenerConfig[] = [];
  const plain = portOf(env, "MAILROOM_IMAP_PORT", tls ? null : DEFAULT_IMAP_PORT);
  if (plain !== null) listeners.push({ port: plain, security: "plain" });
  if (tls) {
    const implicit = portOf(env, "MAILROOM_IMAPS_PORT", DEFAULT_IMAPS_PORT);
    const starttls = portOf(env, "MAILROOM_IMAP_STARTTLS_PORT", DEFAULT_IMAP_STARTTLS_PORT);
    if (implicit !== null) listeners.push({ port: implicit, security: "implicit" });
    if (starttls !== null) listeners.push({ port: starttls, security: "starttls" });
  }
  if (listeners.length === 0) return null;
  const limits: ImapLimits = {
    maxConnectionsPerClient: countOf(env, "MAILROOM_IMAP_MAX_PER_CLIENT", DEFAULT_IMAP_LIMITS.maxConnectionsPerClient),
    maxConnections: countOf(env, "MAILROOM_IMAP_MAX_CONNECTIONS", DEFAULT_IMAP_LIMITS.maxConnections),
  };
  const host = env.MAILROOM_IMAP_HOST || (env.MAILROOM_DEMO === "1" ? "127.0.0.1" : "0.0.0.0");
  return { host, listeners, tls, limits };
}
