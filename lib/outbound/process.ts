import "server-only";
import type { Db } from "@/db/client";
import { dkimKeyFor } from "@/lib/dkim/keys";
import { domainOf } from "@/lib/mime/addresses";
import { metrics } from "@/lib/observability/metrics";
import { claimDue, type ClaimedRecipient } from "./claim";
import { databaseNow } from "./clock";
import type { OutboundConfig } from "./config";
import { recordOutcomesInTx, type Tally } from "./record";
import { routeFor, type Resolver } from "./route";
import { deliverEnvelopes, type Dkim, type Envelope, type Target } from "./smtp-client";

export type WorkerDeps = {
  config: OutboundConfig;
  resolver: Resolver;
  /** Names the leases this worker takes (host:pid:random). */
  workerId: string;
  /**
   * Tests only: the database clock as if this many milliseconds later, to reach a retry without
   * waiting. The queue keeps time by the database, never by this process's clock.
   */
  clockShiftMs?: number;
  /** Recipients claimed per round. */
  batch?: number;
  /** Domains delivered to at once. */
  concurrency?: number;
};

/** Runs `fn` over the items, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}

/**
 * One round of the queue: claims due recipients, delivers them grouped per domain — one connection
 * per domain, one SMTP transaction per message with all its recipients of that domain —, signed with
 * the sending domain's DKIM key, and records each outcome. Returns how many recipients it handled.
 */
export async function processDueOutbound(db: Db, deps: WorkerDeps): Promise<number> {
  const { config } = deps;
  const shift = deps.clockShiftMs ?? 0;
  const claim = await claimDue(db, deps.workerId, config.leaseMs, deps.batch ?? 200, shift);
  if (claim.recipients.length === 0) return 0;

  const byDomain = new Map<string, ClaimedRecipient[]>();
  for (const r of claim.recipients) byDomain.set(r.domain, [...(byDomain.get(r.domain) ?? []), r]);
  const keys = new Map<string, Promise<Dkim | undefined>>();
  const dkimFor = (from: string) => {
    const domain = domainOf(from);
    if (!keys.has(domain)) {
      keys.set(
        domain,
        dkimKeyFor(db, domain).then((k) =>
          k ? { domainName: k.domain, keySelector: k.selector, privateKey: k.privateKeyPem } : undefined,
        ),
      );
    }
    return keys.get(domain)!;
  };

  await eachLimited([...byDomain], deps.concurrency ?? 8, async ([domain, rows]) => {
    const byMessage = new Map<string, ClaimedRecipient[]>();
    for (const r of rows) byMessage.set(r.messageId, [...(byMessage.get(r.messageId) ?? []), r]);
    const groups = [...byMessage].flatMap(([id, recipients]) => {
      const message = claim.messages.get(id);
      return message ? [{ message, recipients }] : [];
    });
    const envelopes: Envelope[] = await Promise.all(
      groups.map(async ({ message, recipients }) => ({
        mailFrom: message.mailFrom,
        recipients: recipients.map((r) => r.address),
        raw: message.raw,
        dkim: await dkimFor(message.mailFrom),
      })),
    );
    const route = config.mxHost
      ? { hops: [{ host: config.mxHost, address: config.mxHost }] }
      : await routeFor(domain, deps.resolver);
    const target: Target = config.relayUrl
      ? { kind: "relay", url: config.relayUrl, ehloName: config.ehloName }
      : { kind: "mx", route, port: config.mxPort, ehloName: config.ehloName };
    let outcomes;
    try {
      outcomes = await deliverEnvelopes(envelopes, target);
    } catch (error) {
      const reply = `451 4.3.0 ${(error as Error).message}`;
      outcomes = envelopes.map((e) =>
        e.recipients.map((address) => ({ address, outcome: "temporary" as const, reply, mta: null })),
      );
    }
    // One transaction for the domain's messages: few commits, each row still guarded by its lease.
    const tally = await db.transaction(async (tx) => {
      const now = await databaseNow(tx, shift);
      const sum: Tally = { delivered: 0, deferred: 0, failed: 0 };
      for (const [i, { message, recipients }] of groups.entries()) {
        const t = await recordOutcomesInTx(tx, deps.workerId, now, config, message, recipients, outcomes[i]!);
        for (const k of ["delivered", "deferred", "failed"] as const) sum[k] += t[k];
      }
      return sum;
    });
    for (const [outcome, n] of Object.entries(tally)) {
      if (n > 0) metrics.deliveries.inc({ path: "outbound", outcome }, n);
    }
  });
  return claim.recipients.length;
}
