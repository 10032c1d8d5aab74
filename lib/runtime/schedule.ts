import "server-only";
import type { Db } from "@/db/client";
import { pruneSessions } from "@/lib/auth/sessions";
import { pruneSignInThrottle } from "@/lib/auth/throttle";
import { logger } from "@/lib/observability/logger";
import { pruneReplyPresence } from "@/lib/replies/presence";
import { onShutdown } from "./shutdown";

export const PRUNE_EVERY_MS = 15 * 60 * 1000;

/** Removes expired sign-in counters, ended sessions and the presences of reply forms long gone. */
export async function pruneExpiredRows(db: Db): Promise<{ throttle: number; sessions: number; presence: number }> {
  const [throttle, sessions, presence] = [
    await pruneSignInThrottle(db),
    await pruneSessions(db),
    await pruneReplyPresence(db),
  ];
  return { throttle, sessions, presence };
}

/** The server's housekeeping, every PRUNE_EVERY_MS (and once at start); stopped at shutdown. */
export function startHousekeeping(db: () => Db): void {
  const tick = () =>
    pruneExpiredRows(db()).then(
      (removed) => logger.debug({ removed }, "housekeeping"),
      (error) => logger.warn({ err: error }, "housekeeping failed"),
    );
  void tick();
  const timer = setInterval(tick, PRUNE_EVERY_MS);
  timer.unref();
  onShutdown("housekeeping", () => clearInterval(timer));
}
