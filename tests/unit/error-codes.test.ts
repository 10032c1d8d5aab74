import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../messages";
import { ERROR_AREAS } from "../../lib/errors/areas";
import { DomainError } from "../../lib/errors";

function lookup(tree: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}

describe("error codes", () => {
  it.each(ERROR_AREAS.map((a) => [a.area, a] as const))("%s: every code has its message in en and fr", (_, area) => {
    const missing: string[] = [];
    for (const locale of ["en", "fr"] as const)
      for (const code of area.codes) {
        const found = area.messages.some((at) => typeof lookup(MESSAGES[locale], `${at}.${code}`) === "string");
        if (!found) missing.push(`${locale}: ${code} (in ${area.messages.join(" or ")})`);
      }
    expect(missing).toEqual([]);
  });

  it("no code is in two areas (one meaning per word)", () => {
    const all = ERROR_AREAS.flatMap((a) => a.codes);
    expect(all.filter((c, i) => all.indexOf(c) !== i)).toEqual([]);
  });

  it("the type is closed: a code outside the lists does not compile (npm run typecheck)", () => {
    // @ts-expect-error -- "notACode" is in no area's list; an open ErrorCode would make this line an error.
    const error = new DomainError("notACode");
    expect(error.code).toBe("notACode");
  });
});
