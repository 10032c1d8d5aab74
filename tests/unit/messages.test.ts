import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../messages";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Object.values(value as object).flatMap(leaves);
}

describe("UI strings", () => {
  it("has every English string in French and every French string in English", () => {
    expect(keys(MESSAGES.fr).sort()).toEqual(keys(MESSAGES.en).sort());
  });

  it("has no empty string in either language", () => {
    for (const locale of ["en", "fr"] as const) {
      expect(leaves(MESSAGES[locale]).filter((s) => s.trim() === "")).toEqual([]);
    }
  });
});
