import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";

/** An organisation's quota thresholds, in percent of each mailbox's quota (R10). */
export type Thresholds = { warnPercent: number; sendBlockPercent: number; receiveBlockPercent: number };

export const DEFAULT_THRESHOLDS: Thresholds = { warnPercent: 90, sendBlockPercent: 95, receiveBlockPercent: 100 };

export type QuotaLevel = "ok" | "warn" | "sendBlocked" | "full";

/** Where a mailbox stands: compared in integers (used × 100 against quota × percent), never rounded. */
export function quotaLevel(usedBytes: number, quotaBytes: number, t: Thresholds): QuotaLevel {
  const at = (percent: number) => usedBytes * 100 >= quotaBytes * percent;
  if (at(t.receiveBlockPercent)) return "full";
  if (at(t.sendBlockPercent)) return "sendBlocked";
  if (at(t.warnPercent)) return "warn";
  return "ok";
}

/** Percent used, rounded down (so 94.9 % reads 94 %, not a misleading 95 %). */
export const percentUsed = (usedBytes: number, quotaBytes: number) =>
  quotaBytes > 0 ? Math.floor((usedBytes * 100) / quotaBytes) : 100;

/**
 * The thresholds of several organisations at once (one query), leaving out those already `known`
 * (read earlier by the same operation): with every one known, no query at all.
 */
export async function thresholdsOf(
  db: Db,
  orgIds: string[],
  known: ReadonlyMap<string, Thresholds> = new Map(),
): Promise<Map<string, Thresholds>> {
  const ids = [...new Set(orgIds)].filter((id) => !known.has(id));
  if (ids.length === 0) return new Map(known);
  const rows = await db
    .select({
      id: organizations.id,
      warnPercent: organizations.warnPercent,
      sendBlockPercent: organizations.sendBlockPercent,
      receiveBlockPercent: organizations.receiveBlockPercent,
    })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  return new Map([...known, ...rows.map(({ id, ...t }): [string, Thresholds] => [id, t])]);
}
