import { describe, expect, it } from "vitest";
import {
  DEFAULT_IMAP_LIMITS,
  DEFAULT_IMAP_PORT,
  DEFAULT_IMAP_STARTTLS_PORT,
  DEFAULT_IMAPS_PORT,
  imapConfigFromEnv,
} from "../../servers/imap/config";
import { flagsOf, parseFlags, storeSet } from "../../lib/imap-store/flags";

describe("imapConfigFromEnv", () => {
  const cert = "tests/fixtures/smtp-test.crt";
  const key = "tests/fixtures/smtp-test.key";

  it("defaults to the plain 1143, turns off with 'off', refuses a bad port or half a certificate", () => {
    expect(imapConfigFromEnv({})).toMatchObject({
      host: "0.0.0.0",
      listeners: [{ port: DEFAULT_IMAP_PORT, security: "plain" }],
      limits: DEFAULT_IMAP_LIMITS,
    });
    expect(imapConfigFromEnv({ MAILROOM_IMAP_PORT: "OFF" })).toBeNull();
    expect(imapConfigFromEnv({ MAILROOM_IMAP_PORT: "143", MAILROOM_DEMO: "1" })).toMatchObject({
      listeners: [{ port: 143, security: "plain" }],
      host: "127.0.0.1",
    });
    expect(() => imapConfigFromEnv({ MAILROOM_IMAP_PORT: "imap" })).toThrow(/MAILROOM_IMAP_PORT/);
    expect(() => imapConfigFromEnv({ MAILROOM_TLS_CERT: "/x.pem" })).toThrow(/both/);
    expect(() => imapConfigFromEnv({ MAILROOM_IMAP_MAX_PER_CLIENT: "0" })).toThrow(/PER_CLIENT/);
  });

  it("with a certificate opens 993 (implicit TLS) and 143 (STARTTLS), the plain port only when asked", () => {
    const tls = { MAILROOM_TLS_CERT: cert, MAILROOM_TLS_KEY: key };
    expect(imapConfigFromEnv(tls)?.listeners).toEqual([
      { port: DEFAULT_IMAPS_PORT, security: "implicit" },
      { port: DEFAULT_IMAP_STARTTLS_PORT, security: "starttls" },
    ]);
    expect(imapConfigFromEnv({ ...tls, MAILROOM_IMAP_PORT: "1143", MAILROOM_IMAPS_PORT: "off" })?.listeners).toEqual([
      { port: 1143, security: "plain" },
      { port: DEFAULT_IMAP_STARTTLS_PORT, security: "starttls" },
    ]);
    expect(imapConfigFromEnv({ ...tls, MAILROOM_IMAPS_PORT: "off", MAILROOM_IMAP_STARTTLS_PORT: "off" })).toBeNull();
    expect(
      imapConfigFromEnv({ MAILROOM_IMAP_MAX_PER_CLIENT: "3", MAILROOM_IMAP_MAX_CONNECTIONS: "10" })?.limits,
    ).toEqual({ maxConnectionsPerClient: 3, maxConnections: 10 });
  });
});

describe("IMAP flags", () => {
  it("maps system flags to columns, keeps valid keywords, drops \\Recent and junk", () => {
    expect(parseFlags(["\\seen", "\\Deleted", "$Label1", "\\Recent", "bad flag", "(x)"])).toEqual({
      columns: ["seen", "deleted"],
      keywords: ["$Label1"],
    });
    expect(
      flagsOf({ seen: true, flagged: false, answered: true, isDraft: false, deleted: false, keywords: ["$Work"] }),
    ).toEqual(["\\Seen", "\\Answered", "$Work"]);
  });

  it("STORE set replaces every flag; add and remove touch only those named", () => {
    expect(Object.keys(storeSet("set", ["\\Seen"])).sort()).toEqual(
      ["answered", "deleted", "flagged", "isDraft", "keywords", "seen"].sort(),
    );
    expect(storeSet("add", ["\\Flagged"])).toEqual({ flagged: true });
    expect(storeSet("remove", ["\\Seen"])).toEqual({ seen: false });
  });
});
