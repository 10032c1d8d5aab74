import "server-only";
import { count, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outboundRecipients } from "@/db/schema";

/**
 * Recipients waiting on the outbound queue (queued or deferred): a count over the partial index of
 * waiting rows (outbound_recipients_due), cheap enough for each metrics scrape.
 */
export async function outboundQueueDepth(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outboundRecipients)
    .where(inArray(outboundRecipients.state, ["queued", "deferred"]));
  return row?.n ?? 0;
}
