import { decode } from "next-auth/jwt";
import type { SessionClaims } from "@/lib/auth/actor";

/**
 * The Auth.js session cookie, read without Auth.js's whole session round (which re-encrypts the
 * token and answers a Set-Cookie on every call): pages and actions need the claims only. The
 * token is decrypted with the secret and its expiry checked (jose, through Auth.js's `decode`).
 */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

type CookieJar = { getAll(): { name: string; value: string }[] };

export type SessionToken = SessionClaims & {
  /** When the token was issued (seconds since the epoch): the proxy re-issues old ones. */
  issuedAt: number;
};

/** One cookie, or Auth.js's chunks `name.0`, `name.1`… when the token outgrew 4 KB. */
function tokenOf(cookies: { name: string; value: string }[], name: string): string | null {
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

export async function readSessionToken(jar: CookieJar, secret = process.env.AUTH_SECRET): Promise<SessionToken | null> {
  if (!secret) return null;
  const cookies = jar.getAll();
  for (const name of SESSION_COOKIES) {
    const token = tokenOf(cookies, name);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret, salt: name });
      if (typeof payload?.accountId === "string" && typeof payload.orgId === "string")
        return {
          accountId: payload.accountId,
          orgId: payload.orgId,
          sessionId: typeof payload.sid === "string" ? payload.sid : "",
          // A token without it (issued before it existed) counts as signed in at its issue time.
          signedInAt:
            typeof payload.authAt === "number"
              ? payload.authAt
              : (typeof payload.iat === "number" ? payload.iat : 0) * 1000,
          issuedAt: typeof payload.iat === "number" ? payload.iat : 0,
        };
    } catch {
      // Expired, altered, or sealed with another secret: not a session.
    }
  }
  return null;
}
