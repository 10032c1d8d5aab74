import { describe, expect, it } from "vitest";
import { distinctWords, estimatedVectorBytes, VECTOR_BUDGET_BYTES } from "../../lib/mime/search-text";
import { addCounts, COUNT_LIMIT } from "../../lib/messages/search";

describe("search text", () => {
  it("keeps each word once, case-folded, in order of first appearance", () => {
    expect(distinctWords("Hello world  hello\nWORLD again\tagain")).toBe("Hello world again");
  });

  it("keeps a word that comes after any length of repeated text", () => {
    const text = `${"the same words again ".repeat(50_000)} farewell`;
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(distinctWords(text)).toBe("the same words again farewell");
  });

  it("stops adding new words at the budget, never past it", () => {
    const words = Array.from({ length: 50_000 }, (_, i) => `w${String(i).padStart(6, "0")}`);
    const kept = distinctWords(words.join(" ")).split(" ");
    const cost = kept.reduce((sum, w) => sum + estimatedVectorBytes(w), 0);
    expect(cost).toBeLessThanOrEqual(VECTOR_BUDGET_BYTES);
    expect(kept.length).toBeGreaterThan(30_000);
    expect(kept.length).toBeLessThan(words.length);
    expect(kept).toEqual(words.slice(0, kept.length));
  });

  it("counts the parts the parser indexes besides the word itself", () => {
    expect(estimatedVectorBytes("a-b-c")).toBeGreaterThan(estimatedVectorBytes("abcde"));
    expect(estimatedVectorBytes("été")).toBeGreaterThan(estimatedVectorBytes("ete"));
  });
});

describe("capped counts", () => {
  it("adds exact counts and caps the sum", () => {
    expect(addCounts([])).toEqual({ count: 0, more: false });
    expect(
      addCounts([
        { count: 3, more: false },
        { count: 4, more: false },
      ]),
    ).toEqual({ count: 7, more: false });
    expect(
      addCounts([
        { count: COUNT_LIMIT - 1, more: false },
        { count: 2, more: false },
      ]),
    ).toEqual({
      count: COUNT_LIMIT,
      more: true,
    });
    expect(
      addCounts([
        { count: COUNT_LIMIT, more: true },
        { count: 0, more: false },
      ]).more,
    ).toBe(true);
  });
});
