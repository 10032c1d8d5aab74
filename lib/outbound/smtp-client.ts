import "server-only";
import { isIP } from "node:net";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import type { Route } from "./route";

export type Dkim = { domainName: string; keySelector: string; privateKey: string };

/** One SMTP transaction: the bytes, the envelope sender and the recipients of one domain. */
export type Envelope = { mailFrom: string; recipients: string[]; raw: Buffer; dkim?: Dkim };

export type Outcome = "delivered" | "temporary" | "permanent";
export type RecipientOutcome = { address: string; outcome: Outcome; reply: string; mta: string | null };

/** Where a domain's mail goes: the relay, or the route found in DNS, on `port` (25 but in tests). */
export type Target =
  { kind: "relay"; url: string; ehloName: string } | { kind: "mx"; route: Route; port: number; ehloName: string };

type SmtpError = Error & {
  code?: string;
  responseCode?: number;
  response?: string;
  rejectedErrors?: SmtpError[];
  recipient?: string;
};

const TIMEOUTS = { connectionTimeout: 60_000, greetingTimeout: 30_000, socketTimeout: 300_000 };

const outcomeOf = (code: number | undefined): Outcome => (code && code >= 500 ? "permanent" : "temporary");
const replyOf = (e: SmtpError) => (e.response ?? `${e.code ?? "error"}: ${e.message}`).replace(/\s+/g, " ").trim();

function relayOptions(url: string, ehloName: string): SMTPPool.Options {
  const u = new URL(url);
  const secure = u.protocol === "smtps:";
  return {
    pool: true,
    maxConnections: 1,
    host: u.hostname,
    port: Number(u.port) || (secure ? 465 : 587),
    secure,
    name: ehloName,
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    // `?verify=false` accepts a relay whose certificate cannot be checked (a self-signed smarthost).
    tls: {
      servername: isIP(u.hostname) ? undefined : u.hostname,
      rejectUnauthorized: u.searchParams.get("verify") !== "false",
    },
    ...TIMEOUTS,
  };
}

function mxOptions(host: string, address: string, port: number, ehloName: string): SMTPPool.Options {
  return {
    pool: true,
    maxConnections: 1,
    host: address,
    port,
    secure: false,
    name: ehloName,
    // STARTTLS whenever the server offers it; MX certificates are not verified (opportunistic TLS, RFC 7435).
    tls: { servername: isIP(host) ? undefined : host, rejectUnauthorized: false },
    ...TIMEOUTS,
  };
}

async function sendOne(transport: nodemailer.Transporter, env: Envelope, mta: string): Promise<RecipientOutcome[]> {
  try {
    const info = (await transport.sendMail({
      envelope: { from: env.mailFrom, to: env.recipients },
      raw: env.raw,
      dkim: env.dkim,
    })) as { accepted: string[]; rejectedErrors?: SmtpError[]; response: string };
    const rejected = new Map((info.rejectedErrors ?? []).map((e) => [e.recipient?.toLowerCase(), e]));
    return env.recipients.map((address) => {
      const e = rejected.get(address);
      return e
        ? { address, outcome: outcomeOf(e.responseCode), reply: replyOf(e), mta }
        : { address, outcome: "delivered" as const, reply: info.response, mta };
    });
  } catch (error) {
    const e = error as SmtpError;
    const perRecipient = new Map((e.rejectedErrors ?? []).map((r) => [r.recipient?.toLowerCase(), r]));
    return env.recipients.map((address) => {
      const r = perRecipient.get(address) ?? e;
      // A refused login is this server's configuration, not the recipient's: retried, never bounced.
      const outcome = e.code === "EAUTH" ? "temporary" : outcomeOf(r.responseCode);
      return { address, outcome, reply: replyOf(r), mta };
    });
  }
}

const allWith = (envs: Envelope[], outcome: Outcome, reply: string, mta: string | null) =>
  envs.map((env) => env.recipients.map((address) => ({ address, outcome, reply, mta })));

/**
 * Delivers the envelopes of one domain over one connection (a pool of one, reused for each message):
 * through the relay, or to the domain's MX hosts in order — a host that cannot be reached (no reply
 * at all) hands over to the next. Every recipient comes back with its outcome and the reply.
 */
export async function deliverEnvelopes(envelopes: Envelope[], target: Target): Promise<RecipientOutcome[][]> {
  if (target.kind === "relay") {
    const transport = nodemailer.createTransport(relayOptions(target.url, target.ehloName));
    const mta = new URL(target.url).hostname;
    try {
      const out: RecipientOutcome[][] = [];
      for (const env of envelopes) out.push(await sendOne(transport, env, mta));
      return out;
    } finally {
      transport.close();
    }
  }
  const { route } = target;
  if ("permanent" in route) return allWith(envelopes, "permanent", route.permanent, null);
  if ("temporary" in route) return allWith(envelopes, "temporary", route.temporary, null);
  let lastError = "";
  for (const hop of route.hops) {
    const transport = nodemailer.createTransport(mxOptions(hop.host, hop.address, target.port, target.ehloName));
    try {
      const first = await sendOne(transport, envelopes[0]!, hop.host);
      const failedToConnect = first.every((r) => r.outcome === "temporary" && !/^\d{3}\b/.test(r.reply));
      if (failedToConnect) {
        lastError = first[0]!.reply;
        continue;
      }
      const out = [first];
      for (const env of envelopes.slice(1)) out.push(await sendOne(transport, env, hop.host));
      return out;
    } finally {
      transport.close();
    }
  }
  return allWith(envelopes, "temporary", lastError || "could not connect", null);
}
