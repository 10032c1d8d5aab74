import type { Db } from "@/db/client";
import { startOutboundWorker, type OutboundWorker } from "@/lib/outbound/worker";
import { startSubmission, submissionOptionsFromEnv, type RunningSubmission } from "./submission/server";

type Running = { worker?: OutboundWorker; submission?: RunningSubmission };
const globalForServers = globalThis as unknown as { mailroomServers?: Running };

/**
 * Starts what runs beside the web server in its process, once the database is migrated: the
 * outbound queue worker (unless MAILROOM_OUTBOUND_WORKER=0, when dedicated `mailroom worker`
 * processes do the work; the embedded database lives in this process, so its worker must too) and
 * the submission listener when MAILROOM_SUBMISSION_PORT is set. SIGTERM stops them cleanly.
 */
export async function startServers(db: Db): Promise<void> {
  if (globalForServers.mailroomServers) return;
  const running: Running = {};
  globalForServers.mailroomServers = running;
  if (process.env.MAILROOM_OUTBOUND_WORKER !== "0") running.worker = startOutboundWorker(db);
  const submission = submissionOptionsFromEnv();
  if (submission) {
    running.submission = await startSubmission(db, submission);
    console.log(`[mailroom] submission listening on port ${running.submission.port} (TLS: ${submission.tls})`);
  }
  process.once("SIGTERM", () => {
    void Promise.all([running.submission?.close(), running.worker?.stop()]).finally(() => process.exit(0));
  });
}
