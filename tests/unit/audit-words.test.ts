import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { auditActionText, auditDetailLines } from "../../components/audit/describe-audit";
import { AUDIT_ACTIONS } from "../../lib/audit/audit-actions";
import { messagesFor } from "../../messages";

const words = (locale: "en" | "fr") =>
  createTranslator({ locale, messages: messagesFor(locale), namespace: "common.audit" }) as never;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe("audit actions in words", () => {
  it("every action recorded in lib/ is in the list", () => {
    const recorded = new Set<string>();
    for (const file of sources("lib")) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(
        /action: (?:[^"\n]*\? )?"([a-zA-Z]+\.[a-zA-Z]+)"(?: : "([a-zA-Z]+\.[a-zA-Z]+)")?/g,
      )) {
        recorded.add(m[1]!);
        if (m[2]) recorded.add(m[2]);
      }
    }
    recorded.add("mailbox.open");
    expect([...recorded].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });

  it.each(["en", "fr"] as const)("every action has its words (%s), never the code", (locale) => {
    const t = words(locale);
    for (const action of AUDIT_ACTIONS) expect(auditActionText(t, action)).not.toBe(action);
  });

  it("says details in words: no ids, no toKind, sizes and dates for people", () => {
    const options = (locale: "en" | "fr") => ({
      t: words(locale),
      locale: locale === "en" ? "en-GB" : "fr",
      dateTime: (d: Date) => d.toISOString().slice(0, 10),
    });
    const move = auditDetailLines("mail.move", { count: 3, to: "deleted", toKind: "deleted" }, options("en"));
    expect(move).toEqual([
      { label: "Messages", value: "3" },
      { label: "To folder", value: "Deleted Items" },
    ]);
    const sent = auditDetailLines(
      "send.as",
      { messageId: "<a@b>", subject: "Hi", recipients: 2, sentCopyInMailbox: true },
      options("fr"),
    );
    expect(sent).toEqual([
      { label: "Objet", value: "Hi" },
      { label: "Destinataires", value: "2" },
      { label: "Copie dans les éléments envoyés de la boîte", value: "oui" },
    ]);
    const shared = auditDetailLines(
      "shared.update",
      { quotaBytes: { from: 1024 ** 3, to: 2 * 1024 ** 3 }, mailbox: "6f1c1c9e-3a43-4b59-9d0e-3f5c2a7b8c9d" },
      options("en"),
    );
    expect(shared).toEqual([{ label: "quotaBytes", value: "1 GB → 2 GB" }]);
    const reply = auditDetailLines(
      "autoReply.update",
      { enabled: true, startsAt: "2026-12-24T17:00:00.000Z" },
      options("en"),
    );
    expect(reply).toEqual([
      { label: "On", value: "yes" },
      { label: "From", value: "2026-12-24" },
    ]);
  });
});
