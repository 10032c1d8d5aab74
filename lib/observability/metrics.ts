import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The process's Prometheus metrics (served at /api/metrics). One registry per process, kept on
 * globalThis: Next.js may load this module more than once. The HTTP request metrics are counted by
 * scripts/request-log.mjs for every request; the others where the thing happens.
 */
type Metrics = ReturnType<typeof create>;

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "mailroom_" });
  return {
    registry,
    httpRequests: new Counter({
      name: "mailroom_http_requests_total",
      help: "HTTP requests answered, by method and status",
      labelNames: ["method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "mailroom_http_request_duration_seconds",
      help: "HTTP request duration, by method",
      labelNames: ["method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    signIns: new Counter({
      name: "mailroom_sign_ins_total",
      help: "Sign-in attempts, by outcome (ok, invalid, throttled)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    deliveries: new Counter({
      name: "mailroom_deliveries_total",
      help:
        "Deliveries per recipient, by path (inbound: received over SMTP into this installation's mailboxes; " +
        "outbound: attempts to hand mail to other servers) and outcome (delivered, refused, error; outbound: " +
        "delivered, deferred, failed)",
      labelNames: ["path", "outcome"] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: "mailroom_outbound_queue_depth",
      help: "Recipients waiting on the outbound queue (queued or deferred), read from the database at scrape time",
      registers: [registry],
      async collect() {
        const source = (globalThis as { __mailroomQueueDepth?: () => Promise<number> }).__mailroomQueueDepth;
        if (source) this.set(await source().catch(() => Number.NaN));
      },
    }),
  };
}

/** Where the queue depth gauge reads from at scrape time (the process's database; set when its services start). */
export function setQueueDepthSource(source: (() => Promise<number>) | undefined): void {
  (globalThis as { __mailroomQueueDepth?: () => Promise<number> }).__mailroomQueueDepth = source;
}

export const metrics: Metrics = ((globalThis as { __mailroomMetrics?: Metrics }).__mailroomMetrics ??= create());
