import "server-only";
import { hostname } from "node:os";
import { z } from "zod";

/** How outbound delivery is configured (README "Sending to the world"). */
export type OutboundConfig = {
  /** `smtp://user:pass@host:587`: every message goes through this relay instead of the MX. */
  relayUrl?: string;
  /** The port MX hosts are reached on: 25, except in tests and the demo. */
  mxPort: number;
  /** Tests and demos only: every domain's mail goes to this host instead of its MX (no DNS). */
  mxHost?: string;
  /** The name this server gives in EHLO. */
  ehloName: string;
  /** Temporary failures are retried until a message is this old, then reported. */
  maxAgeMs: number;
  /** A "delayed" notice is sent once a message has waited this long. */
  delayNoticeMs: number;
  /** Largest outbound message, bytes. */
  maxSizeBytes: number;
  /** How long a worker holds the rows it claimed; a killed worker's rows come back after it. */
  leaseMs: number;
  /** How often an idle worker looks for due rows. */
  pollMs: number;
};

const HOUR = 3_600_000;
const positive = z.coerce.number().positive();

const schema = z.object({
  MAILROOM_RELAY_URL: z
    .string()
    .regex(/^smtps?:\/\//, "MAILROOM_RELAY_URL must be smtp://… or smtps://…")
    .optional(),
  MAILROOM_MX_PORT: z.coerce.number().int().min(1).max(65535).default(25),
  MAILROOM_MX_HOST: z.string().min(1).optional(),
  MAILROOM_HOSTNAME: z.string().min(1).optional(),
  MAILROOM_OUTBOUND_MAX_AGE_HOURS: positive.default(120),
  MAILROOM_OUTBOUND_DELAY_NOTICE_HOURS: positive.default(4),
  MAILROOM_OUTBOUND_MAX_SIZE: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  MAILROOM_OUTBOUND_LEASE_SECONDS: positive.default(900),
  MAILROOM_OUTBOUND_POLL_SECONDS: positive.default(5),
});

/** Reads the configuration from the environment; a bad value stops with a message naming it. */
export function outboundConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OutboundConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("MAILROOM_") && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`outbound mail configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  const c = parsed.data;
  return {
    relayUrl: c.MAILROOM_RELAY_URL,
    mxPort: c.MAILROOM_MX_PORT,
    mxHost: c.MAILROOM_MX_HOST,
    ehloName: c.MAILROOM_HOSTNAME ?? hostname(),
    maxAgeMs: c.MAILROOM_OUTBOUND_MAX_AGE_HOURS * HOUR,
    delayNoticeMs: c.MAILROOM_OUTBOUND_DELAY_NOTICE_HOURS * HOUR,
    maxSizeBytes: c.MAILROOM_OUTBOUND_MAX_SIZE,
    leaseMs: c.MAILROOM_OUTBOUND_LEASE_SECONDS * 1000,
    pollMs: c.MAILROOM_OUTBOUND_POLL_SECONDS * 1000,
  };
}

/**
 * The delay before the next attempt after `attempts` temporary failures (RFC 5321 §4.5.4.1: growing,
 * never hammering): 5, 10, 20, 40, 80 minutes, … capped at 4 hours.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 4 * HOUR);
}
