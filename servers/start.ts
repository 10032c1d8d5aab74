import type { DbHandle } from "@/db/client";
import { startAutomationWorker } from "@/lib/automation/worker";
import { startOutboundWorker } from "@/lib/outbound/worker";
import { onShutdown } from "@/lib/runtime/shutdown";
import { imapConfigFromEnv } from "./imap/config";
import { createImapServer } from "./imap/imap-server";
import { smtpConfigFromEnv } from "./smtp/config";
import { createMxServer } from "./smtp/mx-server";
import { startSubmission, submissionOptionsFromEnv } from "./submission/server";

/** Something started beside the web server, and how to stop it (stop accepting, let work in flight end). */
export type Service = { name: string; stop: () => Promise<void> };

const once = (close: () => Promise<void>) => {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= close());
};

/**
 * Starts the SMTP receiver (the organisation's MX) configured by the environment, or returns null when
 * MAILROOM_SMTP_PORT=off. Used by the web server (startMailServices) and by `mailroom smtp`.
 */
export async function startReceiver(handle: DbHandle): Promise<Service | null> {
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
  return { name: "SMTP listener", stop: once(() => smtp.close()) };
}

/**
 * Starts the IMAP listener configured by the environment, or returns null when MAILROOM_IMAP_PORT=off.
 * Used by the web server (startMailServices) and by `mailroom imap`.
 */
export async function startImapListener(handle: DbHandle): Promise<Service | null> {
  const config = imapConfigFromEnv();
  if (!config) {
    console.log("[mailroom] IMAP listener off (MAILROOM_IMAP_PORT=off)");
    return null;
  }
  const imap = await createImapServer({ handle, tls: config.tls });
  const address = await imap.listen(config.port, config.host);
  const tls = config.tls ? (config.tls.implicit ? ", implicit TLS" : ", STARTTLS") : "";
  console.log(`[mailroom] IMAP listening on ${address.address}:${address.port}${tls}`);
  return { name: "IMAP listener", stop: once(() => imap.close()) };
}

const globalForServices = globalThis as unknown as { mailroomServices?: Service[] };

/**
 * Starts what runs beside the web server in its process, once the database is migrated: the SMTP
 * receiver, the IMAP listener, the outbound queue worker (unless MAILROOM_OUTBOUND_WORKER=0, when
 * dedicated `mailroom worker` processes do the work) and the submission listener when
 * MAILROOM_SUBMISSION_PORT is set. The embedded database lives in this one process, so on PGlite they
 * must run here. A listener that cannot bind its port is logged and the web server keeps serving. The
 * process's shutdown stops them all: no new connections; transactions and deliveries in flight finish.
 */
export async function startMailServices(handle: DbHandle): Promise<void> {
  if (globalForServices.mailroomServices) return;
  const services: Service[] = [];
  globalForServices.mailroomServices = services;
  const attempt = async (name: string, start: () => Promise<Service | null>) => {
    try {
      const service = await start();
      if (service) services.push(service);
    } catch (error) {
      console.error(`[mailroom] ${name} not started: ${(error as Error).message}`);
    }
  };
  await attempt("SMTP listener", () => startReceiver(handle));
  await attempt("IMAP listener", () => startImapListener(handle));
  if (process.env.MAILROOM_OUTBOUND_WORKER !== "0") {
    const worker = startOutboundWorker(handle.db);
    services.push({ name: "outbound worker", stop: () => worker.stop() });
    const automation = startAutomationWorker(handle.db);
    services.push({ name: "automatic replies worker", stop: () => automation.stop() });
  }
  const submission = submissionOptionsFromEnv();
  if (submission) {
    await attempt("submission listener", async () => {
      const running = await startSubmission(handle.db, submission);
      console.log(`[mailroom] submission listening on port ${running.port} (TLS: ${submission.tls})`);
      return { name: "submission listener", stop: () => running.close() };
    });
  }
  // SIGTERM/SIGINT: the process's one shutdown (lib/runtime/shutdown.ts) stops them beside the web server.
  for (const service of services) onShutdown(service.name, service.stop);
}
