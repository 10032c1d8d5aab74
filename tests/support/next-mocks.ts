import { vi } from "vitest";
import type { SessionClaims } from "../../lib/auth/actor";

/**
 * Server actions run here as plain functions: next/cache has no request store, and the session
 * comes from `signInAs()` instead of a cookie.
 */
vi.mock("next/cache", () => ({
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  refresh: vi.fn(),
  updateTag: vi.fn(),
}));

const state = globalThis as unknown as { __mailroomTestSession?: SessionClaims | null };

vi.mock("@/auth", () => ({
  auth: async () => {
    const claims = state.__mailroomTestSession;
    return claims ? { user: { id: claims.accountId, orgId: claims.orgId, sid: claims.sessionId }, expires: "" } : null;
  },
  signIn: vi.fn(),
  signOut: vi.fn(),
  handlers: {},
}));
