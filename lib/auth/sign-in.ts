import "server-only";
import { and, count, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, signInFailures } from "@/db/schema";
import { dummyHash, verifyPassword } from "./password";

/** Failed sign-ins allowed in a sliding hour, per account address and per client IP. */
export const SIGN_IN_LIMITS = { perAccount: 10, perIp: 50, windowMs: 60 * 60 * 1000 } as const;

export type SignInResult =
  | { ok: true; account: { id: string; orgId: string; role: "user" | "admin"; address: string; displayName: string } }
  | { ok: false; error: "invalidCredentials" | "throttled" };

const accountKey = (address: string) => `account:${address}`;
const ipKey = (ip: string) => `ip:${ip}`;

async function isThrottled(db: Db, address: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMs);
  const rows = await db
    .select({ key: signInFailures.key, n: count() })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, [accountKey(address), ipKey(ip)]), gt(signInFailures.at, since)))
    .groupBy(signInFailures.key);
  const of = (key: string) => rows.find((r) => r.key === key)?.n ?? 0;
  return of(accountKey(address)) >= SIGN_IN_LIMITS.perAccount || of(ipKey(ip)) >= SIGN_IN_LIMITS.perIp;
}

async function recordFailure(db: Db, address: string, ip: string): Promise<void> {
  const oldest = new Date(Date.now() - 24 * SIGN_IN_LIMITS.windowMs);
  await db.transaction(async (tx) => {
    await tx.insert(signInFailures).values([{ key: accountKey(address) }, { key: ipKey(ip) }]);
    await tx
      .delete(signInFailures)
      .where(and(inArray(signInFailures.key, [accountKey(address), ipKey(ip)]), lt(signInFailures.at, oldest)));
  });
}

/**
 * Checks an address and password. A shared mailbox, a suspended or unknown address and a wrong
 * password all get the same answer after the same work (a hash verification, against a dummy
 * hash when there is none), so neither the message nor the timing tells them apart.
 * Failures are counted in the database, so the limit holds across restarts and servers.
 */
export async function verifySignIn(
  db: Db,
  input: { address: string; password: string; ip: string },
): Promise<SignInResult> {
  const address = input.address.trim().toLowerCase();
  const ip = input.ip || "unknown";
  if (await isThrottled(db, address, ip)) return { ok: false, error: "throttled" };

  const [account] = await db
    .select({
      id: accounts.id,
      orgId: accounts.orgId,
      role: accounts.role,
      address: accounts.address,
      displayName: accounts.displayName,
      kind: accounts.kind,
      state: accounts.state,
      passwordHash: accounts.passwordHash,
    })
    .from(accounts)
    .where(eq(sql`lower(${accounts.address})`, address));

  const usable = account && account.kind === "standard" && account.state === "active" && account.passwordHash;
  const valid = await verifyPassword(usable ? account.passwordHash! : await dummyHash(), input.password);
  if (!usable || !valid) {
    await recordFailure(db, address, ip);
    return { ok: false, error: "invalidCredentials" };
  }
  await db.delete(signInFailures).where(eq(signInFailures.key, accountKey(address)));
  const { id, orgId, role, displayName } = account;
  return { ok: true, account: { id, orgId, role, address: account.address, displayName } };
}
