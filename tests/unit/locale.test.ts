import { describe, expect, it } from "vitest";
import { pickLocale } from "../../lib/i18n/locales";

describe("choosing the language", () => {
  it("follows Accept-Language", () => {
    expect(pickLocale(undefined, "fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(pickLocale(undefined, "de-DE,en-GB;q=0.8,fr;q=0.5")).toBe("en");
  });

  it("lets the switch's cookie win", () => {
    expect(pickLocale("fr", "en-US")).toBe("fr");
  });

  it("falls back to English", () => {
    expect(pickLocale(undefined, null)).toBe("en");
    expect(pickLocale("xx", "de")).toBe("en");
  });
});
