import type { Db } from "@/db/client";
import { startOutboundWorker, type OutboundWorker } from "@/lib/outbound/worker";

const globalForServers = globalThis as unknown as { mailroomServers?: { worker?: OutboundWorker } };

/**
 * Starts what runs beside the web server in its process, once the database is migrated: the
 * outbound queue worker (unless MAILROOM_OUTBOUND_WORKER=0, when dedicated `mailroom worker`
 * processes do the work). The embedded database lives in this process, so its worker must too.
 * SIGTERM stops them cleanly.
 */
export function startServers(db: Db): void {
  if (globalForServers.mailroomServers) return;
  const running: { worker?: OutboundWorker } = {};
  globalForServers.mailroomServers = running;
  if (process.env.MAILROOM_OUTBOUND_WORKER !== "0") running.worker = startOutboundWorker(db);
  process.once("SIGTERM", () => {
    void running.worker?.stop().finally(() => process.exit(0));
  });
}
