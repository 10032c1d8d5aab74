import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { checkReadiness } from "../../lib/health/readiness";
import { logger } from "../../lib/observability/logger";
import { metricsAllowed } from "../../lib/observability/metrics-access";
import { metrics, setQueueDepthSource } from "../../lib/observability/metrics";
import { outboundQueueDepth } from "../../lib/outbound/depth";
import { installRequestLog } from "../../lib/observability/request-log";
import { installClientAddress } from "../../scripts/client-address.mjs";
import { createOrg, createUser } from "../support/factories";
import { startFarEnd, stubResolver } from "../support/far-end";
import { rawMessage, smtpSend, startMx } from "../support/smtp";
import { useTestDb } from "../support/test-db";
import { runQueue, send, testConfig } from "./outbound/helpers";

const t = useTestDb();
const farResolver = stubResolver();

describe("readiness", () => {
  it("is ready when the database answers and every migration is applied", async () => {
    const readiness = await checkReadiness(t.db);
    expect(readiness.ready).toBe(true);
    expect(readiness.migrations.applied).toBe(readiness.migrations.expected);
  });

  it("is not ready on a database without the migrations", async () => {
    const empty = createDb({ dataDir: "memory://" });
    expect(await checkReadiness(empty.db)).toMatchObject({ ready: false });
    await empty.close();
  });
});

describe("request log and metrics", () => {
  it("logs one line per request with its id, status and duration, and counts it", async () => {
    installClientAddress({});
    installRequestLog();
    const lines: Record<string, unknown>[] = [];
    const level = logger.level;
    logger.level = "info";
    const info = logger.info.bind(logger);
    (logger as { info: unknown }).info = (obj: Record<string, unknown>) => lines.push(obj);
    const server = http.createServer((req, res) => {
      res.statusCode = 201;
      res.end("done");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const before = (await metrics.httpRequests.get()).values.find((v) => v.labels.status === "201")?.value ?? 0;
    const res = await fetch(`http://127.0.0.1:${port}/mail/search?q=secret+words`, {
      headers: { "x-request-id": "forged" },
    });
    await res.text();
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.close();
    (logger as { info: unknown }).info = info;
    logger.level = level;

    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((l) => l.reqId === id);
    expect(line).toMatchObject({ method: "GET", path: "/mail/search", status: 201, client: "127.0.0.1" });
    expect(typeof line!.ms).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("secret");
    const after = (await metrics.httpRequests.get()).values.find((v) => v.labels.status === "201")?.value ?? 0;
    expect(after).toBe(before + 1);
    const text = await metrics.registry.metrics();
    for (const name of [
      "mailroom_http_requests_total",
      "mailroom_http_request_duration_seconds",
      "mailroom_sign_ins_total",
      "mailroom_deliveries_total",
      "mailroom_outbound_queue_depth",
    ])
      expect(text).toContain(name);
  });

  it("serves metrics to the loopback interface, or to the bearer of the configured token", () => {
    expect(metricsAllowed({ client: "127.0.0.1", authorization: null })).toBe(true);
    expect(metricsAllowed({ client: "203.0.113.4", authorization: null })).toBe(false);
    expect(metricsAllowed({ client: "203.0.113.4", authorization: "Bearer s3cret", token: "s3cret" })).toBe(true);
    expect(metricsAllowed({ client: "127.0.0.1", authorization: "Bearer nope", token: "s3cret" })).toBe(false);
  });
});

describe("mail metrics", () => {
  const delivered = async (path: string, outcome: string) =>
    (await metrics.deliveries.get()).values.find((v) => v.labels.path === path && v.labels.outcome === outcome)
      ?.value ?? 0;
  const scrapedDepth = async () => {
    const text = await metrics.registry.metrics();
    return Number(/^mailroom_outbound_queue_depth (\S+)$/m.exec(text)?.[1]);
  };

  it("counts inbound deliveries per recipient, from the MX listener", async () => {
    const org = await createOrg(t.db);
    const [ann, ben] = [await createUser(t.db, org, { local: "ann" }), await createUser(t.db, org, { local: "ben" })];
    const mx = await startMx(t.db);
    try {
      const before = await delivered("inbound", "delivered");
      const sent = await smtpSend(
        mx.port,
        { from: "someone@elsewhere.test", to: [ann.address, ben.address] },
        rawMessage({ to: ann.address, subject: "counted" }),
      );
      expect(sent).toMatchObject({ ok: true });
      expect(await delivered("inbound", "delivered")).toBe(before + 2);
    } finally {
      await mx.close();
    }
  });

  it("counts outbound outcomes and reads the queue depth at scrape time", async () => {
    const far = await startFarEnd();
    setQueueDepthSource(() => outboundQueueDepth(t.db));
    try {
      const org = await createOrg(t.db);
      const cat = await createUser(t.db, org, { local: "cat" });
      far.behaviour.set("later@metrics.test", "defer");
      far.behaviour.set("never@metrics.test", "refuse");
      const depth0 = await scrapedDepth();
      await send(t.db, cat, { to: "ok@metrics.test, later@metrics.test, never@metrics.test" });
      expect(await scrapedDepth()).toBe(depth0 + 3);
      const before = {
        delivered: await delivered("outbound", "delivered"),
        deferred: await delivered("outbound", "deferred"),
        failed: await delivered("outbound", "failed"),
      };
      await runQueue(t.db, testConfig(far.port), farResolver, new Date());
      expect(await delivered("outbound", "delivered")).toBe(before.delivered + 1);
      expect(await delivered("outbound", "deferred")).toBe(before.deferred + 1);
      expect(await delivered("outbound", "failed")).toBe(before.failed + 1);
      // the deferred one still waits
      expect(await scrapedDepth()).toBe(depth0 + 1);
    } finally {
      setQueueDepthSource(undefined);
      await far.close();
    }
  });
});
