import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import { dummyHash, verifyPassword } from "./password";
import { releaseSignInAttempt, takeSignInAttempt } from "./throttle";

export { SIGN_IN_LIMITS } from "./throttle";

export type SignInResult =
  | { ok: true; account: { id: string; orgId: string; role: "user" | "admin"; address: string; displayName: string } }
  | { ok: false; error: "invalidCredentials" | "throttled" };

/**
 * Checks an address and password. A shared mailbox, a suspended or unknown address and a wrong
 * password all get the same answer after the same work (a hash verification, against a dummy
 * hash when there is none), so neither the message nor the timing tells them apart.
 * Attempts are counted in the database before the password is checked (lib/auth/throttle.ts).
 * `client` is the client's address as the server resolved it (never a header the client wrote).
 */
export async function verifySignIn(
  db: Db,
  input: { address: string; password: string; client: string },
): Promise<SignInResult> {
  const address = input.address.trim().toLowerCase();
  const client = input.client || "unknown";
  if (!(await takeSignInAttempt(db, address, client))) return { ok: false, error: "throttled" };

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
  if (!usable || !valid) return { ok: false, error: "invalidCredentials" };
  await releaseSignInAttempt(db, address, client);
  const { id, orgId, role, displayName } = account;
  return { ok: true, account: { id, orgId, role, address: account.address, displayName } };
}
