import { vi } from "vitest";
import type { SessionClaims } from "../../lib/auth/actor";

/**
 * Server actions run here as plain functions: next/cache has no request store, and the session
 * cookie holds a token encrypted from what `signInAs()` set.
 */
vi.mock("next/cache", () => ({
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  refresh: vi.fn(),
  updateTag: vi.fn(),
}));

const state = globalThis as unknown as { __mailroomTestSession?: SessionClaims | null };

// The session reaches actions as in production: an encrypted Auth.js token in the request's cookie.
process.env.AUTH_SECRET ??= "test-secret-for-session-tokens-0123456789";

const opened = new Set<string>();
async function openTestSession(claims: SessionClaims): Promise<void> {
  if (opened.has(claims.sessionId) || !/^[0-9a-f-]{36}$/i.test(claims.sessionId)) return;
  const [{ getDb }, { sessions }] = await Promise.all([import("../../db/client"), import("../../db/schema")]);
  await getDb()
    .insert(sessions)
    .values({
      id: claims.sessionId,
      accountId: claims.accountId,
      orgId: claims.orgId,
      expiresAt: new Date(Date.now() + 12 * 3600_000),
    })
    .onConflictDoNothing();
  opened.add(claims.sessionId);
}

vi.mock("next/headers", async () => {
  const { encode } = await import("next-auth/jwt");
  const name = "authjs.session-token";
  return {
    cookies: async () => {
      const claims = state.__mailroomTestSession;
      // The session signInAs() opened exists on the server, as after a real sign-in.
      if (claims) await openTestSession(claims);
      const value = claims
        ? await encode({
            token: {
              accountId: claims.accountId,
              orgId: claims.orgId,
              sid: claims.sessionId,
              authAt: claims.signedInAt,
            },
            secret: process.env.AUTH_SECRET!,
            salt: name,
          })
        : null;
      const all = value ? [{ name, value }] : [];
      return { getAll: () => all, get: (n: string) => all.find((c) => c.name === n) };
    },
    headers: async () => new Headers(),
  };
});

vi.mock("@/auth", () => ({
  auth: vi.fn(),
  signIn: vi.fn(),
  signOut: vi.fn(),
  handlers: {},
}));
