import { describe, expect, it } from "vitest";
import { formatBytes } from "../../lib/format/bytes";

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
