import fs from "node:fs";
import os from "node:os";
import { parseSize } from "@/lib/setup/sizes";
import { MX_DEFAULTS } from "./mx-server";

export type SmtpConfig = {
  port: number;
  host: string;
  hostname: string;
  maxMessageBytes: number;
  maxConnectionsPerClient: number;
  tls?: { key: Buffer; cert: Buffer };
};

export class SmtpConfigError extends Error {}

/** The default SMTP port: non-privileged, so the server needs no root (see README for port 25). */
export const DEFAULT_SMTP_PORT = 2525;

/**
 * The listener's settings from the environment, or null when MAILROOM_SMTP_PORT=off.
 * MAILROOM_SMTP_PORT (default 2525), MAILROOM_SMTP_HOST (default 127.0.0.1 for the demo, every
 * interface otherwise), MAILROOM_HOSTNAME (default the machine's name), MAILROOM_SMTP_MAX_SIZE
 * (default 25MiB), MAILROOM_SMTP_MAX_PER_CLIENT (default 20), MAILROOM_TLS_CERT/_KEY (PEM files:
 * STARTTLS is offered when both are set).
 */
export function smtpConfigFromEnv(env: Record<string, string | undefined> = process.env): SmtpConfig | null {
  const portText = (env.MAILROOM_SMTP_PORT ?? "").trim();
  if (portText.toLowerCase() === "off") return null;
  const port = portText === "" ? DEFAULT_SMTP_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new SmtpConfigError(`MAILROOM_SMTP_PORT must be a port number or "off", not "${portText}"`);
  const maxMessageBytes = env.MAILROOM_SMTP_MAX_SIZE
    ? parseSize(env.MAILROOM_SMTP_MAX_SIZE)
    : MX_DEFAULTS.maxMessageBytes;
  if (!maxMessageBytes || maxMessageBytes <= 0)
    throw new SmtpConfigError(`MAILROOM_SMTP_MAX_SIZE is not a size: "${env.MAILROOM_SMTP_MAX_SIZE}" (e.g. 25MiB)`);
  const perClient = env.MAILROOM_SMTP_MAX_PER_CLIENT
    ? Number(env.MAILROOM_SMTP_MAX_PER_CLIENT)
    : MX_DEFAULTS.maxConnectionsPerClient;
  if (!Number.isInteger(perClient) || perClient < 1)
    throw new SmtpConfigError("MAILROOM_SMTP_MAX_PER_CLIENT must be a whole number above 0");
  const certFile = env.MAILROOM_TLS_CERT;
  const keyFile = env.MAILROOM_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile))
    throw new SmtpConfigError("set both MAILROOM_TLS_CERT and MAILROOM_TLS_KEY (PEM files), or neither");
  let tls: SmtpConfig["tls"];
  try {
    tls = certFile && keyFile ? { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) } : undefined;
  } catch (error) {
    throw new SmtpConfigError(`cannot read the TLS certificate or key: ${(error as Error).message}`);
  }
  return {
    port,
    host: env.MAILROOM_SMTP_HOST || (env.MAILROOM_DEMO === "1" ? "127.0.0.1" : "0.0.0.0"),
    hostname: env.MAILROOM_HOSTNAME || os.hostname(),
    maxMessageBytes,
    maxConnectionsPerClient: perClient,
    tls,
  };
}
