import "server-only";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, sessions } from "@/db/schema";
import { isSessionId, liveSession } from "./sessions";

/** Who is acting: a signed-in, active user mailbox, read from the database on every request. */
export type Actor = {
  id: string;
  orgId: string;
  address: string;
  displayName: string;
  role: "user" | "admin";
  /** The sign-in session, for "once per session" audit events. */
  sessionId: string;
  /** Their lists group messages by conversation (their setting, on unless they turned it off). */
  conversationView?: boolean;
};

export type SessionClaims = {
  accountId: string;
  orgId: string;
  sessionId: string;
  /** When the session signed in (ms since the epoch); kept when Auth.js re-issues the token. */
  signedInAt: number;
};

/**
 * The session's account if it still exists, is a user mailbox and is active, and its session is
 * live in the sessions table (not signed out, not revoked, not past its absolute end) and signed in
 * after the account's sessions were last revoked (password reset); otherwise null. One query.
 */
export async function loadActor(db: Db, claims: SessionClaims): Promise<Actor | null> {
  if (!isSessionId(claims.sessionId)) return null;
  const [row] = await db
    .select({
      id: accounts.id,
      orgId: accounts.orgId,
      address: accounts.address,
      displayName: accounts.displayName,
      role: accounts.role,
      conversationView: accounts.conversationView,
    })
    .from(accounts)
    .innerJoin(sessions, and(eq(sessions.id, claims.sessionId), eq(sessions.accountId, accounts.id), liveSession()))
    .where(
      and(
        eq(accounts.id, claims.accountId),
        eq(accounts.orgId, claims.orgId),
        eq(accounts.kind, "standard"),
        eq(accounts.state, "active"),
        or(isNull(accounts.sessionsRevokedAt), lte(accounts.sessionsRevokedAt, new Date(claims.signedInAt))),
      ),
    );
  return row ? { ...row, sessionId: claims.sessionId } : null;
}
