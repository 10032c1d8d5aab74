import "server-only";
import { refundStaleReservations } from "@/lib/quota/reserve";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/db/client";
import { outboundConfigFromEnv } from "./config";
import { processDueOutbound, type WorkerDeps } from "./process";
import { systemResolver } from "./route";
import { outboundWake } from "./wake";

export type OutboundWorker = {
  /** Stops taking work and waits for the round in flight (its rows are recorded, or left leased to expire). */
  stop(): Promise<void>;
};

export const newWorkerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * The queue worker: rounds of `processDueOutbound` while there is work, then a wait of `pollMs` —
 * cut short when a send in this process has just queued mail. All state is in the database: any
 * number of workers, in any processes, share the queue.
 */
/** How often the worker gives back stale quota reservations (lib/quota/reserve.ts). */
const SWEEP_EVERY_MS = 60_000;

export function startOutboundWorker(
  db: Db,
  overrides: Partial<WorkerDeps> = {},
  log: (message: string) => void = (m) => console.error(m),
): OutboundWorker {
  const deps: WorkerDeps = {
    config: overrides.config ?? outboundConfigFromEnv(),
    resolver: overrides.resolver ?? systemResolver,
    workerId: overrides.workerId ?? newWorkerId(),
    ...overrides,
  };
  let stopping = false;
  let wakeUp: (() => void) | null = null;
  const onWake = () => wakeUp?.();
  outboundWake.on("wake", onWake);

  let lastSweep = 0;
  const loop = async () => {
    while (!stopping) {
      let handled = 0;
      try {
        // Quota reserved by a process that stopped before its transaction ended goes back (R10).
        if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
          lastSweep = Date.now();
          const refunded = await refundStaleReservations(db);
          if (refunded > 0) log(`[mailroom] gave back ${refunded} stale quota reservations`);
        }
        handled = await processDueOutbound(db, deps);
      } catch (error) {
        log(`[mailroom] outbound queue: ${(error as Error).message}`);
      }
      if (handled > 0 || stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deps.config.pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  };
  const running = loop();
  return {
    async stop() {
      stopping = true;
      wakeUp?.();
      outboundWake.off("wake", onWake);
      await running;
    },
  };
}
