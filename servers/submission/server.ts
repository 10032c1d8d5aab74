import { readFileSync } from "node:fs";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { verifySignIn } from "@/lib/auth/sign-in";
import { MAX_RECIPIENTS } from "@/lib/compose/limits";
import { submitMessage } from "@/lib/compose/submit";
import { DomainError } from "@/lib/errors";
import { outboundConfigFromEnv } from "@/lib/outbound/config";

export type TlsMode = "none" | "starttls" | "implicit";

export type SubmissionOptions = {
  port: number;
  host?: string;
  /** "implicit" (465), "starttls" (587; AUTH only after STARTTLS), "none" (a plain test port). */
  tls: TlsMode;
  key?: Buffer;
  cert?: Buffer;
  maxSizeBytes: number;
  log?: (line: string) => void;
};

export type RunningSubmission = { port: number; close(): Promise<void> };

/** An SMTP reply for a refusal (smtp-server sends `responseCode` and the message). */
const reply = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/** How the domain's refusals are answered to the client (RFC 3463 codes). */
function replyFor(error: unknown): Error {
  if (!(error instanceof DomainError)) return reply(451, "4.3.0 Temporary server error, try again later");
  const v = error.values ?? {};
  switch (error.code) {
    case "sendForbidden":
      return reply(550, `5.7.1 You may not send as ${v.address ?? "this address"}`);
    case "sendLimitReached":
      return reply(451, `4.7.1 Hourly limit of ${v.limit} outside recipients reached for ${v.address}; try later`);
    case "sendBlockedQuota":
      return reply(552, `5.2.2 ${v.address} is ${v.percent} % full: sending is blocked`);
    case "sentCopyNoRoom":
      return reply(552, `5.2.2 No room left in ${v.address} for the Sent copy`);
    case "outboundTooLarge":
      return reply(552, `5.3.4 Message too large for outside recipients (at most ${v.limit} MB)`);
    case "tooManyRecipients":
      return reply(452, "4.5.3 Too many recipients");
    default:
      return reply(550, "5.6.0 The message cannot be sent (check its From and recipients)");
  }
}

/**
 * The submission listener for mail clients (R16): SMTP AUTH (PLAIN, LOGIN) by the webmail's
 * passwords and sign-in throttle (verifySignIn); no mail without it, so no relaying for strangers;
 * each message goes through `submitMessage`, the webmail's rules and send path.
 */
export function createSubmissionServer(db: Db, options: SubmissionOptions): SMTPServer {
  const log = options.log ?? ((line: string) => console.error(line));
  const plain = options.tls === "none";
  return new SMTPServer({
    name: outboundConfigFromEnv().ehloName,
    banner: "Mailroom submission",
    secure: options.tls === "implicit",
    key: options.key,
    cert: options.cert,
    disabledCommands: plain ? ["STARTTLS"] : [],
    allowInsecureAuth: plain,
    authMethods: ["PLAIN", "LOGIN"],
    size: options.maxSizeBytes,
    logger: false,
    onAuth(auth, session, callback) {
      verifySignIn(db, { address: auth.username ?? "", password: auth.password ?? "", client: session.remoteAddress })
        .then((result) => {
          if (!result.ok) {
            return result.error === "throttled"
              ? callback(reply(454, "4.7.0 Too many failed sign-ins, try again later"))
              : callback(reply(535, "5.7.8 Authentication failed"));
          }
          const actor: Actor = { ...result.account, sessionId: `submission:${session.id}` };
          callback(null, { user: actor });
        })
        .catch((error: unknown) => {
          log(`[mailroom] submission: sign-in failed: ${(error as Error).message}`);
          callback(reply(454, "4.7.0 Temporary authentication failure"));
        });
    },
    onRcptTo(_address, session, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(reply(452, "4.5.3 Too many recipients"));
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(reply(552, `5.3.4 Message too large (at most ${options.maxSizeBytes} bytes)`));
        }
        const actor = session.user as unknown as Actor;
        submitMessage(db, actor, {
          raw: Buffer.concat(chunks),
          recipients: session.envelope.rcptTo.map((r) => r.address),
        })
          .then((result) => callback(null, `2.0.0 Ok ${result.messageId}`))
          .catch((error: unknown) => {
            if (!(error instanceof DomainError)) log(`[mailroom] submission: ${(error as Error).stack ?? error}`);
            callback(replyFor(error));
          });
      });
    },
  });
}

export async function startSubmission(db: Db, options: SubmissionOptions): Promise<RunningSubmission> {
  const server = createSubmissionServer(db, options);
  server.on("error", (error) => (options.log ?? console.error)(`[mailroom] submission: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const portOf = (value: string | undefined, name: string): number | null => {
  if (!value) return null;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name}=${value} is not a port number`);
  return port;
};

/**
 * The listeners' settings from the environment (README "Mail clients"), none, one or both:
 * - MAILROOM_SUBMISSION_PORT (587): STARTTLS when MAILROOM_TLS_CERT / MAILROOM_TLS_KEY are given, AUTH
 *   only after it; without a certificate a plain port (a test or demo port such as 1587).
 *   MAILROOM_SUBMISSION_TLS (implicit | starttls | none) overrides: by default implicit on 465.
 * - MAILROOM_SUBMISSIONS_PORT (465, RFC 8314): implicit TLS, needs the certificate.
 */
export function submissionOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SubmissionOptions[] {
  const port = portOf(env.MAILROOM_SUBMISSION_PORT, "MAILROOM_SUBMISSION_PORT");
  const tlsPort = portOf(env.MAILROOM_SUBMISSIONS_PORT, "MAILROOM_SUBMISSIONS_PORT");
  if (port === null && tlsPort === null) return [];
  const cert = env.MAILROOM_TLS_CERT ? readFileSync(env.MAILROOM_TLS_CERT) : undefined;
  const key = env.MAILROOM_TLS_KEY ? readFileSync(env.MAILROOM_TLS_KEY) : undefined;
  const asked = env.MAILROOM_SUBMISSION_TLS;
  if (asked !== undefined && asked !== "" && !["implicit", "starttls", "none"].includes(asked)) {
    throw new Error(`MAILROOM_SUBMISSION_TLS=${asked}: use implicit, starttls or none`);
  }
  const base = {
    host: env.MAILROOM_SUBMISSION_HOST,
    key,
    cert,
    maxSizeBytes: outboundConfigFromEnv(env).maxSizeBytes,
  };
  const listeners: SubmissionOptions[] = [];
  if (port !== null) {
    const tls = (asked || (port === 465 ? "implicit" : cert ? "starttls" : "none")) as TlsMode;
    listeners.push({ ...base, port, tls });
  }
  if (tlsPort !== null) listeners.push({ ...base, port: tlsPort, tls: "implicit" });
  for (const l of listeners) {
    if (l.tls !== "none" && (!cert || !key)) {
      throw new Error(`submission on port ${l.port} (${l.tls} TLS) needs MAILROOM_TLS_CERT and MAILROOM_TLS_KEY`);
    }
  }
  return listeners;
}
