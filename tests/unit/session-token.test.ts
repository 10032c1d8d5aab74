import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { readSessionToken } from "@/app/_lib/session-token";

const secret = "unit-test-secret-0123456789abcdef";
const claims = { accountId: "a1", orgId: "o1", sid: "s1" };
const jar = (cookies: Record<string, string>) => ({
  getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })),
});
const seal = (
  name: string,
  token: Record<string, unknown> = claims,
  options: { secret?: string; maxAge?: number } = {},
) => encode({ token, secret: options.secret ?? secret, salt: name, maxAge: options.maxAge });

describe("readSessionToken", () => {
  it("reads the claims of a token sealed by Auth.js, on http and on https", async () => {
    for (const name of ["authjs.session-token", "__Secure-authjs.session-token"]) {
      const session = await readSessionToken(jar({ [name]: await seal(name) }), secret);
      expect(session).toMatchObject({ accountId: "a1", orgId: "o1", sessionId: "s1" });
      expect(session!.issuedAt).toBeGreaterThan(Date.now() / 1000 - 60);
    }
  });

  it("carries the sign-in time: the token's authAt, or its issue time for a token without one", async () => {
    const name = "authjs.session-token";
    expect(
      (await readSessionToken(jar({ [name]: await seal(name, { ...claims, authAt: 1_700_000_000_123 }) }), secret))!
        .signedInAt,
    ).toBe(1_700_000_000_123);
    const plain = (await readSessionToken(jar({ [name]: await seal(name) }), secret))!;
    expect(plain.signedInAt).toBe(plain.issuedAt * 1000);
  });

  it("joins a token Auth.js split into chunks", async () => {
    const name = "authjs.session-token";
    const token = await seal(name);
    const cut = Math.floor(token.length / 2);
    expect(
      await readSessionToken(jar({ [`${name}.1`]: token.slice(cut), [`${name}.0`]: token.slice(0, cut) }), secret),
    ).toMatchObject({ accountId: "a1" });
  });

  it(
    "refuses an expired token, another secret's, an altered one, one sealed for another cookie and one without " +
      "claims",
    async () => {
      const name = "authjs.session-token";
      const good = await seal(name);
      const altered = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
      for (const value of [
        await seal(name, claims, { maxAge: -60 }),
        await seal(name, claims, { secret: "another-secret-0123456789abcdef" }),
        altered,
        await seal("__Secure-authjs.session-token"),
        await seal(name, { sub: "a1" }),
        "not-a-token",
      ])
        expect(await readSessionToken(jar({ [name]: value }), secret)).toBeNull();
    },
  );

  it("is no session without a cookie or without a secret", async () => {
    expect(await readSessionToken(jar({}), secret)).toBeNull();
    expect(await readSessionToken(jar({ "authjs.session-token": await seal("authjs.session-token") }), "")).toBeNull();
  });
});
