import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, signInThrottle, type Account } from "../../db/schema";
import { hashPassword } from "../../lib/auth/password";
import { SIGN_IN_LIMITS, verifySignIn } from "../../lib/auth/sign-in";
import { pruneSignInThrottle } from "../../lib/auth/throttle";
import { createOrg, createShared, createUser, TEST_PASSWORD } from "../support/factories";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let user: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  user = await createUser(t.db, org, { local: "guide" });
});

const attempt = (address: string, password: string, client = "192.0.2.10") =>
  verifySignIn(t.db, { address, password, client });

describe("signing in", () => {
  it("accepts the right password, whatever the address's case", async () => {
    const result = await attempt(user.address.toUpperCase(), TEST_PASSWORD);
    expect(result).toMatchObject({ ok: true, account: { id: user.id, orgId: org.id, role: "user" } });
  });

  it("refuses a wrong password with the generic answer", async () => {
    expect(await attempt(user.address, "wrong-password-1")).toEqual({ ok: false, error: "invalidCredentials" });
  });

  it("never lets a shared mailbox sign in: same answer as a wrong password", async () => {
    const shared = await createShared(t.db, org);
    expect(await attempt(shared.address, "anything-at-all")).toEqual({ ok: false, error: "invalidCredentials" });
    expect(await attempt(shared.address, "")).toEqual({ ok: false, error: "invalidCredentials" });
  });

  it("answers an unknown address exactly like a wrong password", async () => {
    expect(await attempt(`nobody@${org.domain}`, TEST_PASSWORD)).toEqual({ ok: false, error: "invalidCredentials" });
  });

  it("refuses a suspended user even with the right password", async () => {
    const suspended = await createUser(t.db, org);
    await t.db.update(accounts).set({ state: "suspended" }).where(eq(accounts.id, suspended.id));
    expect(await attempt(suspended.address, TEST_PASSWORD)).toEqual({ ok: false, error: "invalidCredentials" });
  });

  it("does as much work for a shared or unknown address as for a wrong password (dummy hash)", async () => {
    const shared = await createShared(t.db, org);
    const timed = await createUser(t.db, org);
    // CPU time of this process (argon2 runs on its thread pool), not wall time: steady on a busy machine.
    const time = async (address: string) => {
      const start = process.cpuUsage();
      for (let i = 0; i < 4; i++) await attempt(address, "wrong-password-2", `198.51.100.${i + 1}`);
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };
    await time(`warm-${Date.now()}@${org.domain}`); // warm up
    const [wrong, sharedTime, unknown] = [
      await time(timed.address),
      await time(shared.address),
      await time(`x@${org.domain}`),
    ];
    // Each path runs one argon2id verification (tens of ms of CPU); a path without it would use ~10x less.
    expect(sharedTime).toBeGreaterThan(wrong * 0.25);
    expect(unknown).toBeGreaterThan(wrong * 0.25);
  });
});

describe("sign-in limits (counted in the database, atomically)", () => {
  it("a stranger's failures never lock the owner out: the owner's client still signs in", async () => {
    const victim = await createUser(t.db, org);
    // One stranger past the pair limit, then ten more clients each at the pair limit.
    for (let i = 0; i < SIGN_IN_LIMITS.pair + 5; i++) await attempt(victim.address, `bad-${i}`, "203.0.113.1");
    for (let c = 2; c < 12; c++)
      for (let i = 0; i < SIGN_IN_LIMITS.pair; i++) await attempt(victim.address, `bad-${i}`, `203.0.113.${c}`);
    expect(await attempt(victim.address, TEST_PASSWORD, "203.0.113.1")).toEqual({ ok: false, error: "throttled" });
    expect((await attempt(victim.address, TEST_PASSWORD, "198.51.100.9")).ok).toBe(true);
  });

  it("throttles one client on one address after the pair limit, even with the right password", async () => {
    const other = await createUser(t.db, org);
    for (let i = 0; i < SIGN_IN_LIMITS.pair; i++) {
      expect(await attempt(other.address, `bad-${i}`, "192.0.2.50")).toEqual({
        ok: false,
        error: "invalidCredentials",
      });
    }
    expect(await attempt(other.address, TEST_PASSWORD, "192.0.2.50")).toEqual({ ok: false, error: "throttled" });
  });

  it("parallel attempts cannot pass the limit: each takes its own slot before the password check", async () => {
    const target = await createUser(t.db, org);
    const results = await Promise.all(
      Array.from({ length: SIGN_IN_LIMITS.pair + 8 }, (_, i) => attempt(target.address, `bad-${i}`, "192.0.2.60")),
    );
    expect(results.filter((r) => !r.ok && r.error === "invalidCredentials")).toHaveLength(SIGN_IN_LIMITS.pair);
    expect(results.filter((r) => !r.ok && r.error === "throttled")).toHaveLength(8);
  });

  it("limits one client across many accounts", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < SIGN_IN_LIMITS.client; i++) await attempt(`guess-${i}@${org.domain}`, "x", ip);
    expect(await attempt(user.address, TEST_PASSWORD, ip)).toEqual({ ok: false, error: "throttled" });
    expect((await attempt(user.address, TEST_PASSWORD, "192.0.2.78")).ok).toBe(true);
  });

  it("limits many clients guessing one address, but only those that already failed on it", async () => {
    const target = await createUser(t.db, org);
    expect((await attempt(target.address, "bad", "192.0.2.90")).ok).toBe(false);
    await t.db
      .update(signInThrottle)
      .set({ hits: SIGN_IN_LIMITS.address })
      .where(eq(signInThrottle.key, `address:${target.address}`));
    expect(await attempt(target.address, TEST_PASSWORD, "192.0.2.90")).toEqual({ ok: false, error: "throttled" });
    expect((await attempt(target.address, TEST_PASSWORD, "192.0.2.91")).ok).toBe(true);
  });

  it("starts a new window after an hour, and the prune removes windows that are over", async () => {
    const other = await createUser(t.db, org);
    const old = new Date(Date.now() - SIGN_IN_LIMITS.windowMs - 60_000);
    const key = `pair:${other.address}|192.0.2.99`;
    await t.db.insert(signInThrottle).values({ key, hits: 99, windowStart: old });
    expect((await attempt(other.address, TEST_PASSWORD, "192.0.2.99")).ok).toBe(true);
    await t.db.insert(signInThrottle).values({ key: "client:192.0.2.98", hits: 3, windowStart: old });
    expect(await pruneSignInThrottle(t.db)).toBeGreaterThanOrEqual(1);
    const left = await t.db.select().from(signInThrottle).where(eq(signInThrottle.key, "client:192.0.2.98"));
    expect(left).toEqual([]);
  });
});

describe("password hashing", () => {
  it("stores argon2id with at least OWASP's minimum parameters", async () => {
    const stored = await hashPassword("Some-password-1");
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
    expect(match).not.toBeNull();
    const [, m, tCost, p] = match!.map(Number);
    expect(m).toBeGreaterThanOrEqual(19 * 1024);
    expect(tCost).toBeGreaterThanOrEqual(2);
    expect(p).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, user.id));
    expect(row!.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
