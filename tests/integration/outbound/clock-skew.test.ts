import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { outboundRecipients, type Account } from "../../../db/schema";
import { claimDue } from "../../../lib/outbound/claim";
import { databaseNow } from "../../../lib/outbound/clock";
import { processDueOutbound } from "../../../lib/outbound/process";
import { createOrg, createUser } from "../../support/factories";
import { startFarEnd, stubResolver, type FarEnd } from "../../support/far-end";
import { testDriver, useTestDb } from "../../support/test-db";
import { HOUR, send, statesOf, testConfig } from "./helpers";

/**
 * Workers on several machines share the queue, and their clocks differ: leases and due times are
 * kept by the database's clock. Here the worker's process clock (Date) is skewed by two hours. On
 * PostgreSQL only: PGlite runs inside this process and reads the same (skewed) clock — and, having
 * one process per data directory, never has workers on other machines.
 */
const t = useTestDb();
const onPostgres = testDriver === "postgres";
const resolver = stubResolver();
let far: FarEnd;
let alice: Account;

beforeAll(async () => {
  far = await startFarEnd();
  const org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice" });
});
afterAll(() => far.close());
afterEach(() => vi.useRealTimers());

/** This process's clock, off by `ms` from the database's. */
const skewClock = (ms: number) => vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + ms });
const config = () => testConfig(far.port, { leaseMs: 15 * 60_000 });
const round = (workerId: string) => processDueOutbound(t.db, { config: config(), resolver, workerId });

describe.skipIf(!onPostgres)("the queue keeps the database's time (PostgreSQL only)", () => {
  it("a worker whose clock is 2 hours ahead does not take a row another worker holds a live lease on", async () => {
    await send(t.db, alice, { to: "held@skew-a.test" });
    const claim = await claimDue(t.db, "worker-a", 15 * 60_000, 10);
    expect(claim.recipients.map((r) => r.address)).toContain("held@skew-a.test");

    skewClock(2 * HOUR);
    expect(await round("worker-b")).toBe(0);
    vi.useRealTimers();
    const [row] = await statesOf(t.db, "held@skew-a.test");
    expect(row).toMatchObject({ state: "queued", claimedBy: "worker-a" });
    expect(far.received).toHaveLength(0);
    // the lease runs 15 minutes from the database's time, whatever the claiming worker's clock said
    const dbNow = await databaseNow(t.db);
    expect(row!.claimedUntil!.getTime() - dbNow.getTime()).toBeGreaterThan(14 * 60_000);
    expect(row!.claimedUntil!.getTime() - dbNow.getTime()).toBeLessThanOrEqual(15 * 60_000);
  });

  it("a worker whose clock is 2 hours behind still delivers a message that is due", async () => {
    await send(t.db, alice, { to: "due@skew-b.test" });
    skewClock(-2 * HOUR);
    expect(await round("worker-late")).toBe(1);
    vi.useRealTimers();
    expect((await statesOf(t.db, "due@skew-b.test"))[0]!.state).toBe("delivered");
    expect(far.received.flatMap((r) => r.recipients)).toContain("due@skew-b.test");
  });

  it("a deferral is scheduled from the database's time: a fast clock does not push the retry hours away", async () => {
    far.behaviour.set("busy@skew-c.test", "defer");
    await send(t.db, alice, { to: "busy@skew-c.test" });
    skewClock(2 * HOUR);
    expect(await round("worker-fast")).toBe(1);
    vi.useRealTimers();
    const [row] = await statesOf(t.db, "busy@skew-c.test");
    expect(row!.state).toBe("deferred");
    const wait = row!.nextAttemptAt.getTime() - (await databaseNow(t.db)).getTime();
    // the first retry comes 5 minutes later by the database's clock (not 2 h 5 min)
    expect(wait).toBeGreaterThan(4 * 60_000);
    expect(wait).toBeLessThanOrEqual(5 * 60_000);
    // and a worker whose clock is slow by 2 hours takes it as soon as the database says it is due
    far.behaviour.clear();
    skewClock(-2 * HOUR);
    expect(
      await processDueOutbound(t.db, {
        config: config(),
        resolver,
        workerId: "worker-slow",
        clockShiftMs: wait + 1000,
      }),
    ).toBe(1);
    vi.useRealTimers();
    const [after] = await t.db.select().from(outboundRecipients).where(eq(outboundRecipients.id, row!.id));
    expect(after!.state).toBe("delivered");
  });
});
