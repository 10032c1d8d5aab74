import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, signInFailures, type Account } from "../../db/schema";
import { hashPassword } from "../../lib/auth/password";
import { SIGN_IN_LIMITS, verifySignIn } from "../../lib/auth/sign-in";
import { createOrg, createShared, createUser, TEST_PASSWORD } from "../support/factories";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let user: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  user = await createUser(t.db, org, { local: "guide" });
});

const attempt = (address: string, password: string, ip = "192.0.2.10") => verifySignIn(t.db, { address, password, ip });

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

describe("failed sign-in limits (counted in the database)", () => {
  it("locks an account after too many failures in an hour, even with the right password, from any IP", async () => {
    const victim = await createUser(t.db, org);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect((await attempt(victim.address, `bad-${i}`, `203.0.113.${i}`)).ok).toBe(false);
    }
    expect(await attempt(victim.address, TEST_PASSWORD, "203.0.113.200")).toEqual({ ok: false, error: "throttled" });
    expect(SIGN_IN_LIMITS.perAccount).toBeLessThan(100);
  });

  it("limits one IP across many accounts", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await attempt(`guess-${i}@${org.domain}`, "x", ip);
    expect(await attempt(user.address, TEST_PASSWORD, ip)).toEqual({ ok: false, error: "throttled" });
    expect((await attempt(user.address, TEST_PASSWORD, "192.0.2.78")).ok).toBe(true);
  });

  it("forgets failures older than the window", async () => {
    const other = await createUser(t.db, org);
    const old = new Date(Date.now() - SIGN_IN_LIMITS.windowMs - 60_000);
    await t.db
      .insert(signInFailures)
      .values(Array.from({ length: SIGN_IN_LIMITS.perAccount }, () => ({ key: `account:${other.address}`, at: old })));
    expect((await attempt(other.address, TEST_PASSWORD)).ok).toBe(true);
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
