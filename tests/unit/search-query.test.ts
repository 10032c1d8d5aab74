import { describe, expect, it } from "vitest";
import { toPrefixTsquery } from "../../lib/search/search-query";

describe("toPrefixTsquery", () => {
  it("makes every word a prefix term", () => {
    expect(toPrefixTsquery("Invoice  mars")).toBe("'Invoice':* & 'mars':*");
  });
  it("splits on apostrophes and keeps address characters", () => {
    expect(toPrefixTsquery("l'été guide@example.org")).toBe("'l':* & 'été':* & 'guide@example.org':*");
  });
  it("drops tsquery operators and quotes, and words with no letter or digit", () => {
    expect(toPrefixTsquery("a&b | !c ( ) -- 'x' \\")).toBe("'ab':* & 'c':* & 'x':*");
    expect(toPrefixTsquery(" &|!():* ")).toBeNull();
  });
  it("keeps at most eight words", () => {
    expect(toPrefixTsquery("a b c d e f g h i j")?.split(" & ")).toHaveLength(8);
  });
});
