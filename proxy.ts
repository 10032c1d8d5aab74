import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/auth";
import { readSessionToken } from "@/lib/auth/session-token";

/** A session token older than this goes through Auth.js, which re-issues it (sliding expiry). */
export const REFRESH_AFTER_SECONDS = 15 * 60;

const authProxy = auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/**
 * Redirects the signed-out to /login; pages and actions check the session again themselves. A
 * fresh token passes after one decryption; an old, missing or bad one takes Auth.js's path, which
 * re-issues it or redirects.
 */
export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const session = await readSessionToken(request.cookies);
  if (session && Date.now() / 1000 - session.issuedAt < REFRESH_AFTER_SECONDS) return NextResponse.next();
  return authProxy(request, event);
}

export const config = {
  matcher: ["/((?!login|api/auth|api/health|_next/static|_next/image|favicon.ico).*)"],
};
