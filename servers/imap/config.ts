import fs from "node:fs";

export type ImapConfig = {
  port: number;
  host: string;
  /** PEM key and certificate: STARTTLS on a plain port, or implicit TLS with MAILROOM_IMAP_TLS=implicit. */
  tls?: { key: Buffer; cert: Buffer; implicit: boolean };
};

export class ImapConfigError extends Error {}

export const DEFAULT_IMAP_PORT = 1143;

/**
 * The IMAP listener's settings, or null when MAILROOM_IMAP_PORT=off. MAILROOM_IMAP_PORT (default
 * 1143), MAILROOM_IMAP_HOST (default 127.0.0.1 for the demo, every interface otherwise),
 * MAILROOM_TLS_CERT/_KEY (shared with SMTP) and MAILROOM_IMAP_TLS=implicit for port 993.
 */
export function imapConfigFromEnv(env: Record<string, string | undefined> = process.env): ImapConfig | null {
  const portText = (env.MAILROOM_IMAP_PORT ?? "").trim();
  if (portText.toLowerCase() === "off") return null;
  const port = portText === "" ? DEFAULT_IMAP_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ImapConfigError(`MAILROOM_IMAP_PORT must be a port number or "off", not "${portText}"`);
  const certFile = env.MAILROOM_TLS_CERT;
  const keyFile = env.MAILROOM_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile))
    throw new ImapConfigError("set both MAILROOM_TLS_CERT and MAILROOM_TLS_KEY (PEM files), or neither");
  let tls: ImapConfig["tls"];
  try {
    tls =
      certFile && keyFile
        ? {
            cert: fs.readFileSync(certFile),
            key: fs.readFileSync(keyFile),
            implicit: (env.MAILROOM_IMAP_TLS ?? "").toLowerCase() === "implicit",
          }
        : undefined;
  } catch (error) {
    throw new ImapConfigError(`cannot read the TLS certificate or key: ${(error as Error).message}`);
  }
  return { port, host: env.MAILROOM_IMAP_HOST || (env.MAILROOM_DEMO === "1" ? "127.0.0.1" : "0.0.0.0"), tls };
}
