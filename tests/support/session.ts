import { randomUUID } from "node:crypto";
import type { Account } from "../../db/schema";
import type { Actor } from "../../lib/auth/actor";

const state = globalThis as unknown as { __mailroomTestSession?: unknown };

/** Makes the next server-action calls run as this account (null: signed out). */
export function signInAs(account: Pick<Account, "id" | "orgId"> | null, sessionId = randomUUID()): void {
  state.__mailroomTestSession = account
    ? { accountId: account.id, orgId: account.orgId, sessionId, signedInAt: Date.now() }
    : null;
}

/** An Actor for calling lib/ functions directly. */
export function actorOf(account: Account, sessionId = "test-session"): Actor {
  return {
    id: account.id,
    orgId: account.orgId,
    address: account.address,
    displayName: account.displayName,
    role: account.role,
    sessionId,
  };
}
