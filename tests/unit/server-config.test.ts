import { describe, expect, it } from "vitest";
import { ConfigError, parseServerConfig } from "../../lib/config/server-config";

const secret = "a".repeat(40);

describe("configuration checked at start", () => {
  it("stops a production server without AUTH_SECRET, saying what to do", () => {
    expect(() => parseServerConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
    try {
      parseServerConfig({ NODE_ENV: "production" });
    } catch (error) {
      expect((error as ConfigError).message).toMatch(/AUTH_SECRET is required in production/);
    }
  });

  it("honours AUTH_TRUST_HOST (default: not in production)", () => {
    expect(parseServerConfig({ NODE_ENV: "production", AUTH_SECRET: secret }).trustHost).toBe(false);
    expect(parseServerConfig({ NODE_ENV: "production", AUTH_SECRET: secret, AUTH_TRUST_HOST: "true" }).trustHost).toBe(
      true,
    );
    expect(parseServerConfig({ NODE_ENV: "development", AUTH_TRUST_HOST: "false" }).trustHost).toBe(false);
    expect(() => parseServerConfig({ AUTH_TRUST_HOST: "yes please" })).toThrow(/AUTH_TRUST_HOST/);
  });

  it("validates the time zone, the trusted proxies, the site URL and the session lifetime", () => {
    expect(() => parseServerConfig({ MAILROOM_TIME_ZONE: "Mars/Olympus" })).toThrow(/MAILROOM_TIME_ZONE/);
    expect(parseServerConfig({ MAILROOM_TIME_ZONE: "America/Montreal" }).timeZone).toBe("America/Montreal");
    expect(() => parseServerConfig({ MAILROOM_TRUSTED_PROXIES: "proxy.lan" })).toThrow(/MAILROOM_TRUSTED_PROXIES/);
    expect(() => parseServerConfig({ AUTH_URL: "mail.example.org" })).toThrow(/AUTH_URL/);
    expect(parseServerConfig({ AUTH_URL: "https://mail.example.org/api/auth" }).siteOrigin).toBe(
      "https://mail.example.org",
    );
    expect(() => parseServerConfig({ MAILROOM_SESSION_HOURS: "0" })).toThrow(/MAILROOM_SESSION_HOURS/);
    expect(() => parseServerConfig({ AUTH_SECRET: "short" })).toThrow(/at least 32/);
  });

  it("lists every problem at once", () => {
    try {
      parseServerConfig({ NODE_ENV: "production", MAILROOM_TIME_ZONE: "Nowhere" });
      throw new Error("expected a ConfigError");
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});
