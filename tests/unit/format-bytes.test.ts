import { describe, expect, it } from "vitest";
import { formatBytes, formatBytesPair } from "../../lib/format/bytes";

describe("formatBytes", () => {
  it("speaks GB and Go", () => {
    expect(formatBytes(6.5 * 1024 ** 3, "en")).toBe("6.5 GB");
    expect(formatBytes(6.5 * 1024 ** 3, "fr").replace(/\s/g, " ")).toBe("6,5 Go");
    expect(formatBytes(2048, "en")).toBe("2 kB");
  });

  it("never says bytes: nothing is 0 GB, a few bytes are a fraction of a kB", () => {
    expect(formatBytes(0, "en")).toBe("0 GB");
    expect(formatBytes(12, "en")).toBe("0.1 kB");
    expect(formatBytes(600, "en")).toBe("0.6 kB");
  });
});

describe("formatBytesPair", () => {
  it("puts a quota line in one unit, the quota's", () => {
    expect(formatBytesPair(0, 512 * 1024 ** 2, "en")).toEqual({ part: "0 MB", whole: "512 MB" });
    expect(formatBytesPair(300 * 1024 ** 2, 2 * 1024 ** 3, "en")).toEqual({ part: "0.3 GB", whole: "2 GB" });
    expect(formatBytesPair(1536 * 1024, 10 * 1024 ** 2, "fr")).toEqual({ part: "1,5\u202fMo", whole: "10\u202fMo" });
  });
});
