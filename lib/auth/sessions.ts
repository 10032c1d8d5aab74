import "server-only";
import { and, desc, eq, gt, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Actor } from "./actor";

/** A session lasts this long from sign-in, however often its cookie is renewed (MAILROOM_SESSION_HOURS). */
export function sessionLifetimeMs(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env.MAILROOM_SESSION_HOURS);
  return (Number.isFinite(hours) && hours > 0 ? hours : 12) * 60 * 60 * 1000;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isSessionId = (id: unknown): id is string => typeof id === "string" && UUID.test(id);

/** The condition a session must meet to be used: not revoked, not past its absolute end. */
export const liveSession = () => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`));

/** Opens a session at sign-in; its id goes into the signed cookie. */
export async function createSession(
  db: Db,
  input: { accountId: string; orgId: string; userAgent?: string | null; ip?: string | null },
): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + sessionLifetimeMs());
  const [row] = await db
    .insert(sessions)
    .values({
      accountId: input.accountId,
      orgId: input.orgId,
      expiresAt,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      ip: input.ip ?? null,
    })
    .returning({ id: sessions.id });
  return { id: row!.id, expiresAt };
}

/**
 * When a cookie is renewed: true if its session is still live (and marks it seen), false once it
 * was ended or reached its absolute end — the cookie is then dropped.
 */
export async function touchSession(db: Db, id: unknown, accountId: unknown): Promise<boolean> {
  if (!isSessionId(id) || typeof accountId !== "string") return false;
  const rows = await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.id, id), eq(sessions.accountId, accountId), liveSession()))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

/** Sign-out: the session ends on the server, so a copy of its cookie opens nothing. */
export async function revokeSession(db: Db, id: unknown): Promise<void> {
  if (!isSessionId(id)) return;
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Ends every session of an account (password reset, suspension, an admin's "end all sessions"). */
export async function revokeAccountSessions(tx: Db, orgId: string, accountId: string): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.orgId, orgId), eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

export type SessionView = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
};

/** The actor's live sessions, newest first, the current one marked. */
export async function listOwnSessions(db: Db, actor: Actor): Promise<SessionView[]> {
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(and(eq(sessions.orgId, actor.orgId), eq(sessions.accountId, actor.id), liveSession()))
    .orderBy(desc(sessions.createdAt))
    .limit(100);
  return rows.map((row) => ({ ...row, current: row.id === actor.sessionId }));
}

/** Ends the actor's other sessions (or one of them, by id); the current one stays. */
export async function endOwnSessions(db: Db, actor: Actor, input: { id?: string } = {}): Promise<number> {
  if (input.id !== undefined && !isSessionId(input.id)) return 0;
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.orgId, actor.orgId),
        eq(sessions.accountId, actor.id),
        isNull(sessions.revokedAt),
        isSessionId(actor.sessionId) ? ne(sessions.id, actor.sessionId) : undefined,
        input.id ? eq(sessions.id, input.id) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/** Removes sessions that ended more than a day ago; run on a schedule by the server. */
export async function pruneSessions(db: Db): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(
      or(lt(sessions.expiresAt, sql`now() - interval '1 day'`), lt(sessions.revokedAt, sql`now() - interval '1 day'`)),
    )
    .returning({ id: sessions.id });
  return rows.length;
}
