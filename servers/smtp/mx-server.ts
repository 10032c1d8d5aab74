import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { Db } from "@/db/client";
import type { DNSResolver } from "@/lib/inbound/authenticate";
import { cachingResolver } from "@/lib/inbound/dns-cache";
import { receiveMessage } from "@/lib/inbound/receive-message";
import { checkRecipient, type InboundMailbox } from "@/lib/inbound/resolve-recipient";
import { useOwnEnhancedCodes } from "./enhanced-codes";
import { REPLIES } from "./replies";
import { transactionLine, type TransactionLog } from "./transaction-log";

export type MxOptions = {
  db: Db;
  /** This host's name: the greeting, Received and Authentication-Results. */
  hostname: string;
  /** Largest message accepted, in bytes (advertised in SIZE). */
  maxMessageBytes?: number;
  maxRecipients?: number;
  /** Simultaneous connections from one client address. */
  maxConnectionsPerClient?: number;
  maxConnections?: number;
  /** Idle time before a connection is closed, in ms. */
  socketTimeoutMs?: number;
  /** STARTTLS is offered only with a certificate. */
  tls?: { key: Buffer; cert: Buffer };
  resolver?: DNSResolver;
  reverseLookup?: boolean;
  log?: (line: string) => void;
};

export const MX_DEFAULTS = {
  maxMessageBytes: 25 * 1024 * 1024,
  maxRecipients: 100,
  maxConnectionsPerClient: 20,
  maxConnections: 1000,
  socketTimeoutMs: 120_000,
};

export type MxServer = {
  server: SMTPServer;
  listen: (port: number, host?: string) => Promise<AddressInfo>;
  /** Stops accepting, lets the transactions in flight finish (up to `graceMs`), then closes. */
  close: (graceMs?: number) => Promise<void>;
};

type SessionState = { mailboxes: Map<string, InboundMailbox> };

/**
 * The MX listener (R14): a door that speaks SMTP with smtp-server and calls lib/inbound. It
 * checks each recipient at RCPT and answers the end of DATA only once the message is stored.
 */
export function createMxServer(options: MxOptions): MxServer {
  const o = { ...MX_DEFAULTS, ...options };
  const resolver = o.resolver ?? cachingResolver();
  const log = o.log ?? ((line: string) => console.log(line));
  const perClient = new Map<string, number>();
  const states = new Map<string, SessionState>();
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;

  const stateOf = (session: SMTPServerSession) => {
    let state = states.get(session.id);
    if (!state) states.set(session.id, (state = { mailboxes: new Map() }));
    return state;
  };
  const base = (session: SMTPServerSession): Omit<TransactionLog, "result"> => ({
    client: session.remoteAddress,
    helo: session.hostNameAppearsAs ?? "",
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
  });

  const server = new SMTPServer({
    name: o.hostname,
    banner: "Mailroom ESMTP",
    size: o.maxMessageBytes,
    hideENHANCEDSTATUSCODES: false,
    hideSMTPUTF8: false,
    hide8BITMIME: false,
    hidePIPELINING: false,
    hideDSN: true,
    authOptional: true,
    disabledCommands: o.tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(o.tls ? { key: o.tls.key, cert: o.tls.cert } : {}),
    maxClients: o.maxConnections,
    socketTimeout: o.socketTimeoutMs,
    closeTimeout: 30_000,
    disableReverseLookup: !(o.reverseLookup ?? true),
    logger: false,

    onConnect(session, callback) {
      const ip = session.remoteAddress;
      const count = (perClient.get(ip) ?? 0) + 1;
      perClient.set(ip, count);
      if (closing) return callback(REPLIES.shuttingDown());
      if (count > o.maxConnectionsPerClient) {
        log(transactionLine({ client: ip, helo: "", from: "", result: "421 4.7.0 too many connections" }));
        return callback(REPLIES.tooManyConnections());
      }
      callback();
    },

    onClose(session) {
      const ip = session.remoteAddress;
      const count = (perClient.get(ip) ?? 1) - 1;
      if (count <= 0) perClient.delete(ip);
      else perClient.set(ip, count);
      states.delete(session.id);
    },

    onMailFrom(_address, session, callback) {
      stateOf(session).mailboxes.clear();
      callback();
    },

    onRcptTo(address, session, callback) {
      const state = stateOf(session);
      const refuse = (error: Error & { responseCode: number }) => {
        const result = `${error.responseCode} ${error.message} (RCPT)`;
        log(transactionLine({ ...base(session), to: [address.address], result }));
        callback(error);
      };
      if (session.envelope.rcptTo.length >= o.maxRecipients) return refuse(REPLIES.tooManyRecipients(o.maxRecipients));
      const args = session.envelope.mailFrom ? session.envelope.mailFrom.args : false;
      const declared = Number((args && args.SIZE) ?? 0) || 0;
      checkRecipient(o.db, address.address, declared).then(
        (check) => {
          if (check.status === "unknown") return refuse(REPLIES.unknownUser());
          if (check.status === "foreign") return refuse(REPLIES.relayDenied());
          if (check.status === "full") return refuse(REPLIES.mailboxFull());
          state.mailboxes.set(address.address, check.mailbox);
          callback();
        },
        (error: unknown) => {
          console.error("[smtp] recipient check failed:", error);
          refuse(REPLIES.localError());
        },
      );
    },

    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      // A client that leaves before the final dot: the stream is destroyed, nothing is stored.
      stream.on("error", () => {
        log(
          transactionLine({ ...base(session), to: recipientsOf(session), result: "aborted: client left during DATA" }),
        );
      });
      stream.on("end", () => {
        const ended = performance.now();
        const queueId = randomBytes(6).toString("hex").toUpperCase();
        const to = recipientsOf(session);
        const finish = (error: (Error & { responseCode?: number }) | null, text?: string, extra = "") => {
          const ms = Math.round(performance.now() - ended);
          const result = error ? `${error.responseCode} ${error.message}` : `250 ${text}`;
          log(
            transactionLine({ ...base(session), id: queueId, to, size: stream.byteLength, ms, result: result + extra }),
          );
          if (error) callback(error);
          else callback(null, text);
        };
        if (stream.sizeExceeded) return finish(REPLIES.tooBig(o.maxMessageBytes));
        const mailboxes = stateOf(session).mailboxes;
        const mailFrom = session.envelope.mailFrom;
        const work = receiveMessage(o.db, {
          data: Buffer.concat(chunks),
          sender: mailFrom ? mailFrom.address : "",
          recipients: to.flatMap((address) => {
            const mailbox = mailboxes.get(address);
            return mailbox ? [{ address, mailbox }] : [];
          }),
          client: {
            ip: session.remoteAddress,
            helo: session.hostNameAppearsAs ?? "",
            hostname: session.clientHostname,
            tls: session.secure,
            utf8: Boolean(mailFrom && mailFrom.args && (mailFrom.args as Record<string, unknown>).SMTPUTF8),
          },
          queueId,
          hostname: o.hostname,
          resolver,
        }).then(
          (outcome) => {
            if (outcome.status === "dmarcReject") return finish(REPLIES.dmarcReject(), undefined, ` ${outcome.auth}`);
            if (outcome.status === "full") return finish(REPLIES.mailboxFull(), undefined, ` (${outcome.address})`);
            finish(null, `Ok: queued as ${queueId}`, ` ${outcome.folder} ${outcome.auth} ${outcome.timing}`);
          },
          (error: unknown) => {
            console.error(`[smtp] ${queueId} delivery failed:`, error);
            finish(REPLIES.localError());
          },
        );
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      });
    },
  });
  useOwnEnhancedCodes(server);
  server.on("error", (error) => console.error("[smtp] listener error:", error.message));

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.server.once("error", onError);
        server.listen(port, host, () => {
          server.server.off("error", onError);
          resolve(server.server.address() as AddressInfo);
        });
      }),
    close: async (graceMs = 30_000) => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.all([...inFlight]).then(() => undefined), grace]);
      await Promise.race([closed, grace]);
    },
  };
}

const recipientsOf = (session: SMTPServerSession) => session.envelope.rcptTo.map((r) => r.address);
