import "server-only";
import type { Db } from "@/db/client";
import {
  DEFAULT_THRESHOLDS,
  percentUsed,
  quotaLevel,
  thresholdsOf,
  type QuotaLevel,
  type Thresholds,
} from "./thresholds";

export type QuotaStatus = {
  address: string;
  usedBytes: number;
  quotaBytes: number;
  percent: number;
  level: QuotaLevel;
  thresholds: Thresholds;
};

/**
 * Where a mailbox the caller has already access-checked stands against its organisation's
 * thresholds, for the banner (used bytes are data: nothing is summed here).
 */
export async function quotaStatus(
  db: Db,
  mailbox: { orgId: string; address: string; usedBytes: number; quotaBytes: number },
): Promise<QuotaStatus> {
  const thresholds = (await thresholdsOf(db, [mailbox.orgId])).get(mailbox.orgId) ?? DEFAULT_THRESHOLDS;
  return {
    address: mailbox.address,
    usedBytes: mailbox.usedBytes,
    quotaBytes: mailbox.quotaBytes,
    percent: percentUsed(mailbox.usedBytes, mailbox.quotaBytes),
    level: quotaLevel(mailbox.usedBytes, mailbox.quotaBytes, thresholds),
    thresholds,
  };
}
