import { describe, expect, it } from "vitest";
import { appCsp, isMalformedPath, isMessageFramePath, originAllowed } from "../../lib/http/security";

describe("state-changing requests must come from the site (server-action origin check)", () => {
  const site = "https://mail.example.org";
  it("refuses a POST with no Origin, with a foreign one, or with a foreign one and a matching X-Forwarded-Host", () => {
    expect(originAllowed({ method: "POST", origin: null, host: "mail.example.org", siteOrigin: site })).toBe(false);
    expect(originAllowed({ method: "POST", origin: "null", host: "mail.example.org" })).toBe(false);
    expect(
      originAllowed({ method: "POST", origin: "https://evil.example", host: "mail.example.org", siteOrigin: site }),
    ).toBe(false);
    // X-Forwarded-Host is not an input at all: the Host header or the configured site decide.
    expect(originAllowed({ method: "POST", origin: "http://evil.example", host: "127.0.0.1:3000" })).toBe(false);
    expect(originAllowed({ method: "POST", origin: "http://localhost:3001", host: "localhost:3000" })).toBe(false);
  });

  it("accepts the configured site, or the Host when none is configured, and every safe method", () => {
    expect(originAllowed({ method: "POST", origin: site, host: "internal:3000", siteOrigin: site })).toBe(true);
    expect(originAllowed({ method: "POST", origin: "http://localhost:3000", host: "localhost:3000" })).toBe(true);
    expect(originAllowed({ method: "GET", origin: null, host: "x" })).toBe(true);
    expect(originAllowed({ method: "HEAD", origin: "https://evil.example", host: "x" })).toBe(true);
  });
});

describe("security headers", () => {
  it("allows scripts only from the site or with the nonce, and no framing", () => {
    const csp = appCsp("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("recognises the message body frame (its own policy) and malformed escapes", () => {
    expect(isMessageFramePath("/mail/a%40b.org/inbox/0b6e/body")).toBe(true);
    expect(isMessageFramePath("/mail/a%40b.org/inbox/0b6e")).toBe(false);
    expect(isMalformedPath("/mail/%E0%A4%A/inbox")).toBe(true);
    expect(isMalformedPath("/mail/a%40b.org/inbox")).toBe(false);
  });
});
