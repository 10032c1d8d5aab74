import { describe, expect, it } from "vitest";
import { applyRules, ruleMatches } from "../../lib/automation/at-delivery";
import { forwardRefusedBecause, noReplyReason, replySubject, type ReplyCheck } from "../../lib/automation/suppression";
import { utcToZoned, zonedToUtc } from "../../lib/automation/time-zone";

const person: ReplyCheck = {
  sender: "ana@far.test",
  mailboxAddresses: ["support@example.org", "help@example.org"],
  autoSubmitted: null,
  precedence: null,
  listId: false,
  listUnsubscribe: false,
  junk: false,
};

describe("automatic reply suppression (RFC 3834)", () => {
  it("answers a person", () => expect(noReplyReason(person)).toBeNull());
  it.each([
    [{ sender: "" }, "nullSender"],
    [{ sender: "HELP@example.org" }, "ownAddress"],
    [{ sender: "MAILER-DAEMON@far.test" }, "systemSender"],
    [{ sender: "postmaster@far.test" }, "systemSender"],
    [{ sender: "do-not-reply@far.test" }, "systemSender"],
    [{ sender: "news-request@far.test" }, "systemSender"],
    [{ sender: "bounces+123@far.test" }, "systemSender"],
    [{ autoSubmitted: "auto-generated" }, "autoSubmitted"],
    [{ autoSubmitted: "auto-replied; owner-email=x@y" }, "autoSubmitted"],
    [{ listId: true }, "mailingList"],
    [{ listUnsubscribe: true }, "mailingList"],
    [{ precedence: "Bulk" }, "bulk"],
    [{ precedence: "junk" }, "bulk"],
    [{ precedence: "list" }, "bulk"],
    [{ junk: true }, "junk"],
  ] as const)("%o → %s", (change, reason) => expect(noReplyReason({ ...person, ...change })).toBe(reason));
  it("treats Auto-Submitted: no as a person", () =>
    expect(noReplyReason({ ...person, autoSubmitted: "No" })).toBeNull());
  it("adds Re: once", () => {
    expect(replySubject("Order")).toBe("Re: Order");
    expect(replySubject("RE: Order")).toBe("RE: Order");
  });
});

describe("forward loop guard", () => {
  const base = { autoSubmitted: null, trail: [], mailboxAddress: "a@x.test", forwardTo: "b@y.test" };
  it("forwards a person's mail", () => expect(forwardRefusedBecause(base)).toBeNull());
  it("refuses automatic mail, loops and a fourth hop", () => {
    expect(forwardRefusedBecause({ ...base, autoSubmitted: "auto-generated" })).toBe("autoSubmitted");
    expect(forwardRefusedBecause({ ...base, trail: ["A@x.test"] })).toBe("loop");
    expect(forwardRefusedBecause({ ...base, forwardTo: "a@x.test" })).toBe("loop");
    expect(forwardRefusedBecause({ ...base, trail: ["c@z", "d@z", "e@z"] })).toBe("tooManyHops");
  });
});

describe("rules", () => {
  const listing = {
    fromAddress: "boss@corp.test",
    fromName: "The Boss",
    toList: [{ name: "Team", address: "team@corp.test" }],
    ccList: [],
    subject: "Quarterly INVOICE",
  };
  const rule = (fields: Partial<Parameters<typeof ruleMatches>[0]>) => ({
    id: Math.random().toString(),
    fromContains: null,
    toContains: null,
    subjectContains: null,
    moveToFolderId: null,
    markRead: false,
    flag: false,
    forwardTo: null,
    stopProcessing: false,
    ...fields,
  });
  it("matches every given condition, case-insensitively", () => {
    expect(ruleMatches(rule({ fromContains: "the boss", subjectContains: "invoice" }), listing)).toBe(true);
    expect(ruleMatches(rule({ toContains: "TEAM@" }), listing)).toBe(true);
    expect(ruleMatches(rule({ fromContains: "boss", toContains: "sales" }), listing)).toBe(false);
  });
  it("accumulates actions in order and stops", () => {
    const plan = applyRules(
      [
        rule({ subjectContains: "invoice", moveToFolderId: "f1", flag: true }),
        rule({ fromContains: "boss", moveToFolderId: "f2", stopProcessing: true }),
        rule({ fromContains: "boss", markRead: true }),
      ],
      listing,
    );
    expect(plan).toMatchObject({ folderId: "f2", flagged: true, seen: false });
  });
});

describe("time zones", () => {
  it("reads a local date-time in its zone, summer and winter", () => {
    expect(zonedToUtc("2026-12-24T18:00", "Europe/Paris")?.toISOString()).toBe("2026-12-24T17:00:00.000Z");
    expect(zonedToUtc("2026-07-01T09:30", "Europe/Paris")?.toISOString()).toBe("2026-07-01T07:30:00.000Z");
    expect(zonedToUtc("2026-02-30T09:30", "UTC")).toBeNull();
    expect(utcToZoned(new Date("2026-07-01T07:30:00Z"), "Europe/Paris")).toBe("2026-07-01T09:30");
  });
});
