import { describe, expect, it } from "vitest";
import { isEmptyQuery, parseSearchQuery } from "@/lib/search/parse-query";

describe("search operators", () => {
  it("reads words and operators, quoted values included", () => {
    const q = parseSearchQuery('invoice from:"Jean Dupont" to:compta subject:march has:attachment is:unread');
    expect(q).toMatchObject({
      words: "invoice",
      from: ["Jean Dupont"],
      to: ["compta"],
      subject: ["march"],
      hasAttachment: true,
      seen: false,
      flagged: false,
    });
  });

  it("reads dates in UTC when no time zone is given: after from that day on, before until the day before", () => {
    const q = parseSearchQuery("after:2026-01-10 before:2026/02/01");
    expect(q.after?.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    expect(q.before?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(q.words).toBe("");
  });

  it("reads dates as days of the reader's calendar: midnight in Paris, summer and winter", () => {
    const q = parseSearchQuery("after:2026-1-10 before:2026-07-01", "Europe/Paris");
    expect(q.after?.toISOString()).toBe("2026-01-09T23:00:00.000Z");
    expect(q.before?.toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(parseSearchQuery("after:2026-03-29", "America/New_York").after?.toISOString()).toBe(
      "2026-03-29T04:00:00.000Z",
    );
  });

  it("a month or day past its end is a word, not a date", () => {
    for (const text of ["after:2026-13-01", "before:2026-02-30", "after:2026-00-10"])
      expect(parseSearchQuery(text, "Europe/Paris")).toMatchObject({ words: text, after: null, before: null });
  });

  it("takes French spellings", () => {
    expect(parseSearchQuery("de:marie objet:devis avant:2026-03-01 est:suivi")).toMatchObject({
      from: ["marie"],
      subject: ["devis"],
      flagged: true,
      before: new Date("2026-03-01T00:00:00Z"),
    });
  });

  it("keeps as words an unknown operator, a date that is not one, an empty value", () => {
    const q = parseSearchQuery("re:contrat after:2026-02-30 from: has:cake");
    expect(q.words).toBe("re:contrat after:2026-02-30 from: has:cake");
    expect(q.after).toBeNull();
    expect(isEmptyQuery(parseSearchQuery("   "))).toBe(true);
    expect(isEmptyQuery(parseSearchQuery("is:flagged"))).toBe(false);
  });
});
