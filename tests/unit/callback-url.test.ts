import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "../../lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it("keeps a path of this site, with its query", () => {
    expect(safeCallbackPath("/mail/support%40example.org/inbox?q=x")).toBe("/mail/support%40example.org/inbox?q=x");
    expect(safeCallbackPath("http://localhost:3000/admin/audit?page=2")).toBe("/admin/audit?page=2");
  });
  it.each([
    undefined,
    "",
    "//evil.test/mail",
    "/\\evil.test",
    "javascript:alert(1)",
    "mail",
    "/login",
    "/api/auth/signout",
    "/mail\r\nSet-Cookie: x",
  ])("gives the default for %o", (value) => expect(safeCallbackPath(value)).toBe("/mail"));
  it("never leaves the site: another origin keeps only its path", () => {
    expect(safeCallbackPath("https://evil.test/mail/x")).toBe("/mail/x");
  });
});
