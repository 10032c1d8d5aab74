import type { DbHandle } from "@/db/client";
import { imapConfigFromEnv } from "./imap/config";
import { createImapServer, type ImapServer } from "./imap/imap-server";
import { smtpConfigFromEnv } from "./smtp/config";
import { createMxServer, type MxServer } from "./smtp/mx-server";

export type MailServices = { smtp: MxServer | null; imap: ImapServer | null; stop: () => Promise<void> };

type Door = "smtp" | "imap";

async function startSmtp(handle: DbHandle): Promise<MxServer | null> {
  const config = smtpConfigFromEnv();
  if (!config) {
    console.log("[mailroom] SMTP listener off (MAILROOM_SMTP_PORT=off)");
    return null;
  }
  const smtp = createMxServer({
    db: handle.db,
    hostname: config.hostname,
    maxMessageBytes: config.maxMessageBytes,
    maxConnectionsPerClient: config.maxConnectionsPerClient,
    tls: config.tls,
  });
  const address = await smtp.listen(config.port, config.host);
  console.log(
    `[mailroom] SMTP listening on ${address.address}:${address.port} as ${config.hostname}` +
      ` (max ${config.maxMessageBytes} bytes${config.tls ? ", STARTTLS" : ""})`,
  );
  return smtp;
}

async function startImap(handle: DbHandle): Promise<ImapServer | null> {
  const config = imapConfigFromEnv();
  if (!config) {
    console.log("[mailroom] IMAP listener off (MAILROOM_IMAP_PORT=off)");
    return null;
  }
  const imap = await createImapServer({ handle, tls: config.tls });
  const address = await imap.listen(config.port, config.host);
  const tls = config.tls ? (config.tls.implicit ? ", implicit TLS" : ", STARTTLS") : "";
  console.log(`[mailroom] IMAP listening on ${address.address}:${address.port}${tls}`);
  return imap;
}

/**
 * Starts the mail listeners configured by the environment (the SMTP receiver and the IMAP door)
 * on the given database, and closes them on SIGTERM/SIGINT: no new connections, transactions in
 * flight finish. Called by the web server after its migrations (db/prepare.ts) and by
 * `mailroom smtp` / `mailroom imap` (one door each). A door that fails to start is reported and
 * the others keep running.
 */
export async function startMailServices(
  handle: DbHandle,
  options: { exitOnSignal?: boolean; only?: Door } = {},
): Promise<MailServices> {
  const wanted = (door: Door) => !options.only || options.only === door;
  const attempt = async <T>(door: Door, start: () => Promise<T | null>): Promise<T | null> => {
    if (!wanted(door)) return null;
    try {
      return await start();
    } catch (error) {
      if (options.only) throw error;
      console.error(`[mailroom] ${door.toUpperCase()} listener not started: ${(error as Error).message}`);
      return null;
    }
  };
  const smtp = await attempt("smtp", () => startSmtp(handle));
  const imap = await attempt("imap", () => startImap(handle));
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= Promise.all([smtp?.close(), imap?.close()]).then(() => {}));
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      console.log(`[mailroom] ${signal}: closing the mail listeners`);
      void stop().then(() => {
        if (options.exitOnSignal) process.exit(0);
      });
    });
  }
  return { smtp, imap, stop };
}
