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
});
