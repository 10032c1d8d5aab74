import { describe, expect, it } from "vitest";
import { formattingLocale, languageOf, pickLocale } from "../../lib/i18n/locales";

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

describe("formattingLocale", () => {
  it("formats in the reader's variant of the chosen language, else the language", () => {
    expect(formattingLocale("en", "en-GB,en;q=0.9")).toBe("en-GB");
    expect(formattingLocale("en", "fr-FR,en-US;q=0.8")).toBe("en-US");
    expect(formattingLocale("fr", "en-GB,en;q=0.9")).toBe("fr");
    expect(formattingLocale("en", null)).toBe("en");
    expect(languageOf("en-GB")).toBe("en");
  });
  it("gives en-GB day/month and a 24-hour clock", () => {
    const at = new Date(Date.UTC(2026, 11, 1, 15, 4));
    const gb = new Intl.DateTimeFormat(formattingLocale("en", "en-GB"), {
      dateStyle: "short",
      timeStyle: "short",
      timeZone: "UTC",
    });
    expect(gb.format(at)).toBe("01/12/2026, 15:04");
  });
});
