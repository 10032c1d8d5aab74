import type { AddressInfo } from "node:net";
import type { DbHandle } from "@/db/client";
import { listenMailboxChanges } from "@/lib/events/mailbox-changes";
import { SEPARATOR, SHARED_PREFIX } from "@/lib/imap-store/folders";
import { installExtensions } from "./extensions";
import { DEFAULT_IMAP_LIMITS, type ImapSecurity } from "./config";
import { installHooks } from "./hooks";
import { createCoreServer } from "./imap-core";
import { ConnectionLimiter, limitConnections } from "./limits";
import { createNotifier, type NotifierStats } from "./notifier";
import { DEFAULT_RECHECK_MS, sweepOpenSessions } from "./session-sweep";

export type ImapServer = {
  listen: (port: number, host?: string) => Promise<AddressInfo>;
  close: () => Promise<void>;
  connections: () => number;
  /** What change notifications have cost this listener (rows read to answer IDLE-ing sessions). */
  notifierStats: () => NotifierStats;
};

export type ImapServerOptions = {
  handle: DbHandle;
  /** PEM key and certificate, and how this port uses them (default: implicit when given, else plain). */
  tls?: { key: Buffer; cert: Buffer; security?: Exclude<ImapSecurity, "plain"> };
  /** Closes idle connections after this long (RFC 3501: at least 30 minutes; IDLE clients renew). */
  socketTimeoutMs?: number;
  /** Largest APPEND literal, advertised as APPENDLIMIT. */
  maxMessageBytes?: number;
  /** Connection caps; pass one limiter to several listeners of a process to share them. */
  limiter?: ConnectionLimiter;
  /** How often open sessions (IDLE) are re-checked for an ended session or withdrawn access. */
  recheckMs?: number;
};

const silent = { info: () => {}, debug: () => {}, error: () => {}, warn: () => {} };

/**
 * The IMAP door (R16, R17): the protocol layer with Mailroom's hooks, on the given database, and
 * the change notifications that let an IDLE-ing client see what another door did within a second.
 * One listener per port and security: plain, STARTTLS (LOGIN refused before it: LOGINDISABLED) or
 * implicit TLS.
 */
export async function createImapServer(options: ImapServerOptions): Promise<ImapServer> {
  const log = (error: unknown) => console.error("[mailroom] IMAP error:", error);
  const changes = await listenMailboxChanges(options.handle);
  const security: ImapSecurity = options.tls ? (options.tls.security ?? "implicit") : "plain";
  const core = createCoreServer(
    {
      secure: security === "implicit",
      needsUpgrade: false,
      key: options.tls?.key,
      cert: options.tls?.cert,
      disableSTARTTLS: security !== "starttls",
      ignoreSTARTTLS: false,
      logger: silent,
      skipFetchLog: true,
      maxMessage: options.maxMessageBytes ?? 25 * 1024 * 1024,
      socketTimeout: options.socketTimeoutMs ?? 30 * 60 * 1000,
      id: { name: "Mailroom" },
    },
    { prefix: SHARED_PREFIX, separator: SEPARATOR },
  );
  core.loggelf = () => {};
  const notifier = createNotifier(options.handle.db, changes, log);
  core.notifier = notifier;
  core.on("error", log);
  installExtensions(core, options.handle.db, log);
  limitConnections(core, options.limiter ?? new ConnectionLimiter(DEFAULT_IMAP_LIMITS));
  installHooks(core, options.handle.db, log);
  const stopSweep = sweepOpenSessions(core, options.handle.db, log, options.recheckMs ?? DEFAULT_RECHECK_MS);

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        core.server.once("error", reject);
        core.server.once("listening", () => resolve(core.server.address() as AddressInfo));
        core.listen(port, host);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        stopSweep();
        core.options.closeTimeout = 1000;
        core.close(() => resolve());
      }).then(() => changes.close()),
    connections: () => core.connections.size,
    notifierStats: () => ({ ...notifier.stats }),
  };
}
