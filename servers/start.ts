import type { DbHandle } from "@/db/client";
import { setQueueDepthSource } from "@/lib/observability/metrics";
import { outboundQueueDepth } from "@/lib/outbound/depth";
import { startAutomationWorker } from "@/lib/automation/worker";
import { startOutboundWorker } from "@/lib/outbound/worker";
import { onShutdown } from "@/lib/runtime/shutdown";
import { imapConfigFromEnv } from "./imap/config";
import { createImapServer, type ImapServer } from "./imap/imap-server";
import { ConnectionLimiter } from "./imap/limits";
import { smtpConfigFromEnv } from "./smtp/config";
import { createMxServer } from "./smtp/mx-server";
import { startSubmission, submissionOptionsFromEnv, type SubmissionOptions } from "./submission/server";

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
 * Starts the IMAP listeners configured by the environment — the plain port, 993 (implicit TLS) and
 * 143 (STARTTLS) when a certificate is set — or returns null when none is open. They share one
 * connection limiter. Used by the web server (startMailServices) and by `mailroom imap`.
 */
export async function startImapListener(handle: DbHandle): Promise<Service | null> {
  const config = imapConfigFromEnv();
  if (!config) {
    console.log("[mailroom] IMAP listener off (MAILROOM_IMAP_PORT=off, no TLS port)");
    return null;
  }
  const limiter = new ConnectionLimiter(config.limits);
  const servers: ImapServer[] = [];
  try {
    for (const listener of config.listeners) {
      const tls =
        listener.security === "plain" || !config.tls ? undefined : { ...config.tls, security: listener.security };
      const imap = await createImapServer({ handle, tls, limiter });
      servers.push(imap);
      const address = await imap.listen(listener.port, config.host);
      const mode = { plain: "plain", starttls: "STARTTLS", implicit: "implicit TLS" }[listener.security];
      console.log(`[mailroom] IMAP listening on ${address.address}:${address.port} (${mode})`);
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
  return { name: "IMAP listener", stop: once(() => Promise.all(servers.map((s) => s.close())).then(() => {})) };
}

const globalForServices = globalThis as unknown as { mailroomServices?: Service[] };

/**
 * Starts what runs beside the web server in its process, once the database is migrated: the SMTP
 * receiver, the IMAP listener, the outbound queue worker (unless MAILROOM_OUTBOUND_WORKER=0, when
 * dedicated `mailroom worker` processes do the work) and the submission listeners when
 * MAILROOM_SUBMISSION_PORT (587, STARTTLS) and/or MAILROOM_SUBMISSIONS_PORT (465, implicit TLS) are set.
 * The embedded database lives in this one process, so on PGlite they
 * must run here. A listener that cannot bind its port is logged and the web server keeps serving. The
 * process's shutdown stops them all: no new connections; transactions and deliveries in flight finish.
 */
export async function startMailServices(handle: DbHandle): Promise<void> {
  if (globalForServices.mailroomServices) return;
  const services: Service[] = [];
  globalForServices.mailroomServices = services;
  // /api/metrics reads the outbound queue's depth from the database at each scrape
  setQueueDepthSource(() => outboundQueueDepth(handle.db));
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
  let submission: SubmissionOptions[] = [];
  try {
    submission = submissionOptionsFromEnv();
  } catch (error) {
    console.error(`[mailroom] submission listener not started: ${(error as Error).message}`);
  }
  for (const options of submission) {
    await attempt(`submission listener (port ${options.port})`, async () => {
      const running = await startSubmission(handle.db, options);
      console.log(`[mailroom] submission listening on port ${running.port} (TLS: ${options.tls})`);
      return { name: `submission listener (port ${options.port})`, stop: () => running.close() };
    });
  }
  // SIGTERM/SIGINT: the process's one shutdown (lib/runtime/shutdown.ts) stops them beside the web server.
  for (const service of services) onShutdown(service.name, service.stop);
}
