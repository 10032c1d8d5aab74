import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { outboundRecipients, type Account } from "../../../db/schema";
import type { ComposeInput } from "../../../lib/compose/recipient-fields";
import { sendMessage } from "../../../lib/compose/send";
import type { OutboundConfig } from "../../../lib/outbound/config";
import { processDueOutbound } from "../../../lib/outbound/process";
import type { Resolver } from "../../../lib/outbound/route";
import { actorOf } from "../../support/session";

export const HOUR = 3_600_000;

export function testConfig(port: number, extra: Partial<OutboundConfig> = {}): OutboundConfig {
  return {
    mxPort: port,
    ehloName: "mailroom.test",
    maxAgeMs: 120 * HOUR,
    delayNoticeMs: 4 * HOUR,
    maxSizeBytes: 25 * 1024 * 1024,
    leaseMs: 60_000,
    pollMs: 1000,
    ...extra,
  };
}

export function send(db: Db, from: Account, fields: Partial<ComposeInput> & { to: string }, as?: Account) {
  return sendMessage(db, actorOf(from), {
    from: { mode: "as", address: (as ?? from).address },
    cc: "",
    bcc: "",
    subject: "Hello",
    body: "Hello from Mailroom",
    attachments: [],
    keep: [],
    ...fields,
  });
}

/**
 * One round of the queue as if at `now`: the queue keeps the database's time, so this moves the database
 * clock the worker sees by `now` minus this process's time (the database runs on this machine).
 */
export function runQueue(db: Db, config: OutboundConfig, resolver: Resolver, now: Date, workerId = "test-worker") {
  return processDueOutbound(db, { config, resolver, workerId, clockShiftMs: now.getTime() - Date.now() });
}

export async function statesOf(db: Db, address: string) {
  return db.select().from(outboundRecipients).where(eq(outboundRecipients.address, address));
}
