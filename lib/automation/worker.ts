import "server-only";
import type { Db } from "@/db/client";
import { runAutomationJobs } from "./run-jobs";

/** How often the worker looks for replies and forwards left by deliveries (one indexed query on a small table). */
export const AUTOMATION_POLL_MS = 1000;

/**
 * Sends the automatic replies and rule forwards of deliveries whose door does not run them itself
 * right after its commit (mail sent from the webmail or submission to a local mailbox). SMTP
 * reception runs them at once; this catches the rest within a second, in any process.
 */
export function startAutomationWorker(db: Db, pollMs = AUTOMATION_POLL_MS, log = (m: string) => console.error(m)) {
  let stopping = false;
  let wake: (() => void) | null = null;
  const loop = async () => {
    while (!stopping) {
      try {
        const done = await runAutomationJobs(db);
        if (done.length > 0) continue;
      } catch (error) {
        log(`[mailroom] automatic replies: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  };
  const running = loop();
  return {
    async stop() {
      stopping = true;
      (wake as (() => void) | null)?.();
      await running;
    },
  };
}
