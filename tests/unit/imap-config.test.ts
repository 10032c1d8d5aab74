import { describe, expect, it } from "vitest";
import { DEFAULT_IMAP_PORT, imapConfigFromEnv } from "../../servers/imap/config";
import { flagsOf, parseFlags, storeSet } from "../../lib/imap-store/flags";

describe("imapConfigFromEnv", () => {
  it("defaults to 1143, turns off with 'off', refuses a bad port or half a certificate", () => {
    expect(imapConfigFromEnv({})).toMatchObject({ port: DEFAULT_IMAP_PORT, host: "0.0.0.0" });
    expect(imapConfigFromEnv({ MAILROOM_IMAP_PORT: "OFF" })).toBeNull();
    expect(imapConfigFromEnv({ MAILROOM_IMAP_PORT: "143", MAILROOM_DEMO: "1" })).toMatchObject({
      port: 143,
      host: "127.0.0.1",
    });
    expect(() => imapConfigFromEnv({ MAILROOM_IMAP_PORT: "imap" })).toThrow(/MAILROOM_IMAP_PORT/);
    expect(() => imapConfigFromEnv({ MAILROOM_TLS_CERT: "/x.pem" })).toThrow(/both/);
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
