import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

const authProxy = vi.fn(async () => new Response(null, { status: 307, headers: { location: "/login" } }));
vi.mock("@/auth", () => ({ auth: authProxy }));

const { proxy, REFRESH_AFTER_SECONDS } = await import("@/proxy");

const secret = "unit-test-secret-0123456789abcdef";
const name = "authjs.session-token";
const claims = { accountId: "a1", orgId: "o1", sid: "s1" };
const requestWith = (token?: string) =>
  new NextRequest("http://localhost/mail", { headers: token ? { cookie: `${name}=${token}` } : {} });
const event = {} as never;

describe("proxy", () => {
  beforeEach(() => {
    process.env.AUTH_SECRET = secret;
    authProxy.mockClear();
  });

  it("lets a fresh session through after one decryption, without Auth.js", async () => {
    const res = await proxy(requestWith(await encode({ token: claims, secret, salt: name })), event);
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(authProxy).not.toHaveBeenCalled();
  });

  it("hands an old session to Auth.js, which re-issues it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - (REFRESH_AFTER_SECONDS + 5) * 1000);
    const old = await encode({ token: claims, secret, salt: name });
    vi.useRealTimers();
    await proxy(requestWith(old), event);
    expect(authProxy).toHaveBeenCalledOnce();
  });

  it("hands no session, or a forged one, to Auth.js, which sends to /login", async () => {
    for (const token of [
      undefined,
      await encode({ token: claims, secret: "another-secret-0123456789abcdef", salt: name }),
    ]) {
      const res = await proxy(requestWith(token), event);
      expect(res.status).toBe(307);
    }
    expect(authProxy).toHaveBeenCalledTimes(2);
  });

  it("gives every page the security headers and a CSP whose nonce reaches the page", async () => {
    const res = await proxy(requestWith(await encode({ token: claims, secret, salt: name })), event);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("leaves the message body frame its own policy", async () => {
    const request = new NextRequest("http://localhost/mail/a%40b.org/inbox/m1/body");
    const res = await proxy(request, event);
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect(res.headers.get("x-frame-options")).toBeNull();
  });

  it("refuses a POST with no Origin or a foreign one (and a forged X-Forwarded-Host), before any work", async () => {
    const post = (headers: Record<string, string>) =>
      new NextRequest("http://localhost/mail/compose", { method: "POST", headers: { host: "localhost", ...headers } });
    expect((await proxy(post({}), event)).status).toBe(403);
    expect(
      (await proxy(post({ origin: "http://evil.example", "x-forwarded-host": "evil.example" }), event)).status,
    ).toBe(403);
    expect(authProxy).not.toHaveBeenCalled();
  });

  it("answers a malformed escape in the address with the not-found page", async () => {
    const res = await proxy(new NextRequest("http://localhost/mail/%E0%A4%A/inbox"), event);
    expect(res.headers.get("x-middleware-rewrite")).toContain("/_mailroom/not-found");
  });
});

describe("proxy: the mail screen's internal route", () => {
  beforeEach(() => {
    process.env.AUTH_SECRET = secret;
  });
  const MESSAGE_ID = "28b7711c-d6a0-40d8-ba3e-90125514e17b";

  it("serves a message URL from the route keyed by its list, naming the message it opens", async () => {
    const cookie = `${name}=${await encode({ token: claims, secret, salt: name })}`;
    const url = `http://localhost/mail/me%40example.org/inbox/${MESSAGE_ID}?after=abc`;
    const res = await proxy(new NextRequest(url, { headers: { cookie, "x-mailroom-open": "forged" } }), event);
    const rewritten = new URL(res.headers.get("x-middleware-rewrite")!);
    expect(rewritten.pathname).toMatch(new RegExp(`^/mail/me%40example.org/inbox/l[\\w-]+/${MESSAGE_ID}$`));
    expect(rewritten.search).toBe("?after=abc");
    // The header the page's layouts trust is the proxy's, never the client's.
    expect(res.headers.get("x-middleware-request-x-mailroom-open")).toBe(MESSAGE_ID);
    const folder = await proxy(
      new NextRequest("http://localhost/mail/me%40example.org/inbox", { headers: { cookie, "x-mailroom-open": "x" } }),
      event,
    );
    expect(new URL(folder.headers.get("x-middleware-rewrite")!).pathname).toBe("/mail/me%40example.org/inbox/l");
    expect(folder.headers.get("x-middleware-request-x-mailroom-open")).toBeNull();
  });
});
