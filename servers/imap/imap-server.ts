import type { AddressInfo } from "node:net";
import type { DbHandle } from "@/db/client";
import { listenMailboxChanges } from "@/lib/events/mailbox-changes";
import { SEPARATOR, SHARED_PREFIX } from "@/lib/imap-store/folders";
import { installExtensions } from "./extensions";
import { installHooks } from "./hooks";
import { createCoreServer } from "./imap-core";
import { createNotifier } from "./notifier";

export type ImapServer = {
  listen: (port: number, host?: string) => Promise<AddressInfo>;
  close: () => Promise<void>;
  connections: () => number;
};

export type ImapServerOptions = {
  handle: DbHandle;
  tls?: { key: Buffer; cert: Buffer; implicit: boolean };
  /** Closes idle connections after this long (RFC 3501: at least 30 minutes; IDLE clients renew). */
  socketTimeoutMs?: number;
  /** Largest APPEND literal, advertised as APPENDLIMIT. */
  maxMessageBytes?: number;
};

const silent = { info: () => {}, debug: () => {}, error: () => {}, warn: () => {} };

/**
 * The IMAP door (R16, R17): the protocol layer with Mailroom's hooks, on the given database, and
 * the change notifications that let an IDLE-ing client see what another door did within a second.
 */
export async function createImapServer(options: ImapServerOptions): Promise<ImapServer> {
  const log = (error: unknown) => console.error("[mailroom] IMAP error:", error);
  const changes = await listenMailboxChanges(options.handle);
  const core = createCoreServer(
    {
      secure: Boolean(options.tls?.implicit),
      needsUpgrade: false,
      key: options.tls?.key,
      cert: options.tls?.cert,
      disableSTARTTLS: !options.tls || options.tls.implicit,
      logger: silent,
      skipFetchLog: true,
      maxMessage: options.maxMessageBytes ?? 25 * 1024 * 1024,
      socketTimeout: options.socketTimeoutMs ?? 30 * 60 * 1000,
      id: { name: "Mailroom" },
    },
    { prefix: SHARED_PREFIX, separator: SEPARATOR },
  );
  core.loggelf = () => {};
  core.notifier = createNotifier(options.handle.db, changes, log);
  core.on("error", log);
  installExtensions(core, options.handle.db, log);
  installHooks(core, options.handle.db, log);

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        core.server.once("error", reject);
        core.server.once("listening", () => resolve(core.server.address() as AddressInfo));
        core.listen(port, host);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        core.options.closeTimeout = 1000;
        core.close(() => resolve());
      }).then(() => changes.close()),
    connections: () => core.connections.size,
  };
}
