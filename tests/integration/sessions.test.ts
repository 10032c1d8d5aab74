import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, sessions, type Account } from "../../db/schema";
import { loadActor, type SessionClaims } from "../../lib/auth/actor";
import { endUserSessions } from "../../lib/admin/users/end-user-sessions";
import {
  createSession,
  endOwnSessions,
  listOwnSessions,
  pruneSessions,
  revokeSession,
  touchSession,
} from "../../lib/auth/sessions";
import { createOrg, createUser } from "../support/factories";
import { actorOf } from "../support/session";
import { refusal } from "../support/domain-error";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let admin: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  admin = await createUser(t.db, org, { role: "admin" });
});

async function open(user: Account): Promise<SessionClaims> {
  const { id } = await createSession(t.db, {
    accountId: user.id,
    orgId: user.orgId,
    userAgent: "test",
    ip: "192.0.2.1",
  });
  return { accountId: user.id, orgId: user.orgId, sessionId: id, signedInAt: Date.now() };
}

describe("server-side sessions", () => {
  it("sign-out ends the session on the server: a copy of its cookie opens nothing", async () => {
    const user = await createUser(t.db, org);
    const claims = await open(user);
    expect(await loadActor(t.db, claims)).not.toBeNull();
    await revokeSession(t.db, claims.sessionId);
    expect(await loadActor(t.db, claims)).toBeNull();
    // and a renewal of the cookie (Auth.js's jwt callback, /api/auth/session) is refused too
    expect(await touchSession(t.db, claims.sessionId, user.id)).toBe(false);
  });

  it("has an absolute end, whatever the renewals", async () => {
    const user = await createUser(t.db, org);
    const claims = await open(user);
    expect(await touchSession(t.db, claims.sessionId, user.id)).toBe(true);
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, claims.sessionId));
    expect(await touchSession(t.db, claims.sessionId, user.id)).toBe(false);
    expect(await loadActor(t.db, claims)).toBeNull();
  });

  it("refuses a session id that does not exist, is not a UUID, or belongs to someone else", async () => {
    const user = await createUser(t.db, org);
    const other = await createUser(t.db, org);
    const claims = await open(other);
    expect(await loadActor(t.db, { ...claims, accountId: user.id })).toBeNull();
    expect(await loadActor(t.db, { ...claims, sessionId: "not-a-uuid" })).toBeNull();
    expect(await loadActor(t.db, { ...claims, sessionId: crypto.randomUUID() })).toBeNull();
    expect(await touchSession(t.db, claims.sessionId, user.id)).toBe(false);
  });

  it("lists a user's own live sessions and ends the others, keeping the current one", async () => {
    const user = await createUser(t.db, org);
    const [current, second, third] = [await open(user), await open(user), await open(user)];
    const stranger = await open(await createUser(t.db, org));
    const actor = actorOf(user, current.sessionId);
    const listed = await listOwnSessions(t.db, actor);
    expect(listed.map((s) => s.id).sort()).toEqual([current, second, third].map((c) => c.sessionId).sort());
    expect(listed.find((s) => s.current)?.id).toBe(current.sessionId);

    expect(await endOwnSessions(t.db, actor, { id: second.sessionId })).toBe(1);
    expect(await loadActor(t.db, second)).toBeNull();
    expect(await endOwnSessions(t.db, actor, { id: stranger.sessionId })).toBe(0);
    expect(await loadActor(t.db, stranger)).not.toBeNull();

    expect(await endOwnSessions(t.db, actor)).toBe(1);
    expect(await loadActor(t.db, third)).toBeNull();
    expect(await loadActor(t.db, current)).not.toBeNull();
    expect(await listOwnSessions(t.db, actor)).toHaveLength(1);
  });

  it("an admin ends all of a user's sessions (audited); others are refused", async () => {
    const user = await createUser(t.db, org);
    const sessionsOfUser = [await open(user), await open(user)];
    expect((await refusal(endUserSessions(t.db, actorOf(user), { id: admin.id }))).code).toBe("noAccess");
    const foreign = await createUser(t.db, await createOrg(t.db));
    expect((await refusal(endUserSessions(t.db, actorOf(admin), { id: foreign.id }))).code).toBe("notFound");

    expect(await endUserSessions(t.db, actorOf(admin), { id: user.id })).toEqual({ ended: 2 });
    for (const claims of sessionsOfUser) expect(await loadActor(t.db, claims)).toBeNull();
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, user.id));
    expect(event).toMatchObject({ action: "user.endSessions", details: { ended: 2 } });
  });

  it("prunes sessions ended more than a day ago", async () => {
    const user = await createUser(t.db, org);
    const claims = await open(user);
    await t.db
      .update(sessions)
      .set({ revokedAt: new Date(Date.now() - 2 * 86_400_000) })
      .where(eq(sessions.id, claims.sessionId));
    expect(await pruneSessions(t.db)).toBeGreaterThanOrEqual(1);
    expect(await t.db.select().from(sessions).where(eq(sessions.id, claims.sessionId))).toEqual([]);
  });
});
