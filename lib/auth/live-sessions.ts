import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, sessions } from "@/db/schema";
import type { SessionClaims } from "./actor";
import { isSessionId, liveSession } from "./sessions";

const CHUNK = 1000;

/**
 * Which of many open sessions are still valid, by the rule of `loadActor` (account active and a
 * user mailbox, session live, signed in after the account's sessions were last revoked), in one
 * query per thousand sessions: what a long-lived connection (IMAP IDLE) is re-checked by.
 */
export async function liveSessionIds(db: Db, claims: SessionClaims[]): Promise<Set<string>> {
  const live = new Set<string>();
  const valid = claims.filter((c) => isSessionId(c.sessionId));
  for (let i = 0; i < valid.length; i += CHUNK) {
    const part = valid.slice(i, i + CHUNK);
    const rows = await db
      .select({
        id: sessions.id,
        accountId: accounts.id,
        orgId: accounts.orgId,
        revokedAt: accounts.sessionsRevokedAt,
      })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(
        and(
          sql`${sessions.id} = any(${`{${part.map((c) => c.sessionId).join(",")}}`}::uuid[])`,
          liveSession(),
          eq(accounts.kind, "standard"),
          eq(accounts.state, "active"),
        ),
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const c of part) {
      const row = byId.get(c.sessionId);
      if (!row || row.accountId !== c.accountId || row.orgId !== c.orgId) continue;
      if (row.revokedAt && row.revokedAt.getTime() > c.signedInAt) continue;
      live.add(c.sessionId);
    }
  }
  return live;
}
