import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/auth";
import { readSessionToken } from "@/app/_lib/session-token";
import { serverConfig } from "@/lib/config/server-config";
import { KEEP_UNREAD_HEADER, mailScreenRoute, OPEN_MESSAGE_HEADER } from "@/lib/mailboxes/screen-route";
import { appCsp, isMalformedPath, isMessageFramePath, originAllowed, SECURITY_HEADERS } from "@/lib/http/security";

/** A session token older than this goes through Auth.js, which re-issues it (sliding expiry). */
export const REFRESH_AFTER_SECONDS = 15 * 60;

const authProxy = auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/** Paths a signed-out visitor may open. */
const PUBLIC = /^\/(login|api\/auth|api\/health|api\/metrics)(\/|$)/;

function secured<T extends Response>(response: T, pathname: string, csp: string): T {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  if (isMessageFramePath(pathname)) {
    // The message body route sets its own, stricter policy, which lets the reading pane frame it.
    response.headers.delete("X-Frame-Options");
  } else response.headers.set("Content-Security-Policy", csp);
  return response;
}

/**
 * Every request but static files: refuses state changes from another origin (403), answers a
 * malformed address with a 404, gives the page a CSP nonce and the security headers, and sends the
 * signed-out to /login (pages and actions check the session again themselves). A fresh token passes
 * after one decryption; an old, missing or bad one takes Auth.js's path, which re-issues it or
 * redirects.
 */
export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const { pathname } = request.nextUrl;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = appCsp(nonce, { dev: process.env.NODE_ENV === "development" });
  const allowed = originAllowed({
    method: request.method,
    origin: request.headers.get("origin"),
    host: request.headers.get("host"),
    siteOrigin: serverConfig().siteOrigin,
  });
  if (!allowed) return secured(new NextResponse("Forbidden: cross-origin request", { status: 403 }), pathname, csp);
  if (isMalformedPath(pathname)) {
    return secured(NextResponse.rewrite(new URL("/_mailroom/not-found", request.url)), pathname, csp);
  }

  // Next.js puts the nonce on its own scripts when the request carries the policy.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  // A mail screen is served by its internal route (lib/mailboxes/screen-route.ts).
  const screen = mailScreenRoute(pathname, request.nextUrl.searchParams);
  headers.delete(OPEN_MESSAGE_HEADER);
  headers.delete(KEEP_UNREAD_HEADER);
  if (screen?.messageId) headers.set(OPEN_MESSAGE_HEADER, screen.messageId);
  if (screen?.messageId && request.nextUrl.searchParams.get("unread") === "1") headers.set(KEEP_UNREAD_HEADER, "1");
  const next = () =>
    screen
      ? NextResponse.rewrite(new URL(`${screen.pathname}${request.nextUrl.search}`, request.url), {
          request: { headers },
        })
      : NextResponse.next({ request: { headers } });

  if (PUBLIC.test(pathname)) return secured(next(), pathname, csp);
  const session = await readSessionToken(request.cookies);
  if (session && Date.now() / 1000 - session.issuedAt < REFRESH_AFTER_SECONDS) return secured(next(), pathname, csp);

  const answer = await authProxy(request, event);
  if (answer.headers.get("x-middleware-next") !== "1") return secured(answer, pathname, csp);
  // Signed in: go on with the nonce, keeping what Auth.js set (the re-issued cookie).
  const response = next();
  for (const cookie of answer.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  return secured(response, pathname, csp);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
