import type { Db } from "@/db/client";
import { smtpConfigFromEnv } from "./smtp/config";
import { createMxServer, type MxServer } from "./smtp/mx-server";

export type MailServices = { smtp: MxServer | null; stop: () => Promise<void> };

/**
 * Starts the mail listeners configured by the environment (today: the SMTP receiver) on the given
 * database, and closes them on SIGTERM/SIGINT: no new connections, transactions in flight finish.
 * Called by the web server after its migrations (db/prepare.ts) and by `mailroom smtp`.
 */
export async function startMailServices(db: Db, options: { exitOnSignal?: boolean } = {}): Promise<MailServices> {
  const config = smtpConfigFromEnv();
  if (!config) {
    console.log("[mailroom] SMTP listener off (MAILROOM_SMTP_PORT=off)");
    return { smtp: null, stop: async () => {} };
  }
  const smtp = createMxServer({
    db,
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
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= smtp.close());
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      console.log(`[mailroom] ${signal}: closing the SMTP listener`);
      void stop().then(() => {
        if (options.exitOnSignal) process.exit(0);
      });
    });
  }
  return { smtp, stop };
}
