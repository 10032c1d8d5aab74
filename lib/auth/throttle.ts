import "server-only";
import { inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInThrottle } from "@/db/schema";

/**
 * Sign-in limits, counted per fixed window of an hour in the database (so they hold across
 * restarts and servers). An attempt is counted *before* the password is checked, by one statement
 * that returns the counts: parallel attempts each take their own slot and cannot pass a limit. A
 * success gives its slot back (and clears the pair).
 *
 * - per address and client pair: PAIR attempts that failed; a stranger elsewhere does not touch
 *   the victim's own pair;
 * - per client: CLIENT attempts, whatever the addresses tried (guessing across accounts);
 * - per address: ADDRESS attempts from every client together (a guessing botnet), applied only to
 *   clients that already failed on that address — a client with no failure there still signs in.
 */
export const SIGN_IN_LIMITS = { pair: 10, client: 50, address: 100, windowMs: 60 * 60 * 1000 } as const;

const windowSql = sql.raw(`interval '${SIGN_IN_LIMITS.windowMs / 1000} seconds'`);
const keysOf = (address: string, client: string) => ({
  pair: `pair:${address}|${client}`,
  client: `client:${client}`,
  address: `address:${address}`,
});

/** Counts one attempt; true when it may go on to the password check. */
export async function takeSignInAttempt(db: Db, address: string, client: string): Promise<boolean> {
  const keys = keysOf(address, client);
  const rows = await db
    .insert(signInThrottle)
    .values(Object.values(keys).map((key) => ({ key, hits: 1 })))
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        hits: sql`case when ${sql.raw(`"sign_in_throttle"."window_start"`)} <= now() - ${windowSql} then 1
          else ${sql.raw(`"sign_in_throttle"."hits"`)} + 1 end`,
        windowStart: sql`case when ${sql.raw(`"sign_in_throttle"."window_start"`)} <= now() - ${windowSql} then now()
          else ${sql.raw(`"sign_in_throttle"."window_start"`)} end`,
      },
    })
    .returning({ key: signInThrottle.key, hits: signInThrottle.hits });
  const hits = (key: string) => rows.find((r) => r.key === key)?.hits ?? 0;
  const pair = hits(keys.pair);
  if (pair > SIGN_IN_LIMITS.pair || hits(keys.client) > SIGN_IN_LIMITS.client) return false;
  // This attempt is the pair's first: the client has not failed on this address in the window.
  return pair === 1 || hits(keys.address) <= SIGN_IN_LIMITS.address;
}

/** After a right password: the attempt was not a failure; the pair starts again. */
export async function releaseSignInAttempt(db: Db, address: string, client: string): Promise<void> {
  const keys = keysOf(address, client);
  await db.transaction(async (tx) => {
    await tx.delete(signInThrottle).where(inArray(signInThrottle.key, [keys.pair]));
    await tx
      .update(signInThrottle)
      .set({ hits: sql`greatest(${signInThrottle.hits} - 1, 0)` })
      .where(inArray(signInThrottle.key, [keys.client, keys.address]));
  });
}

/** Removes the counters of windows that are over; run on a schedule by the server. */
export async function pruneSignInThrottle(db: Db): Promise<number> {
  const removed = await db
    .delete(signInThrottle)
    .where(lt(signInThrottle.windowStart, sql`now() - ${windowSql}`))
    .returning({ key: signInThrottle.key });
  return removed.length;
}
