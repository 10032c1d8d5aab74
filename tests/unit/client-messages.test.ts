import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ADMIN_MESSAGES,
  AUTH_MESSAGES,
  COMPOSE_MESSAGES,
  MAIL_MESSAGES,
  MAIL_SETTINGS_MESSAGES,
  pickMessages,
} from "@/lib/i18n/client-messages";
import en from "@/messages/en/mail.json";

const root = path.resolve(__dirname, "../..");

function clientFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return clientFiles(rel);
    if (!/\.tsx?$/.test(e.name)) return [];
    return fs.readFileSync(path.join(root, rel), "utf8").startsWith('"use client"') ? [rel] : [];
  });
}

/**
 * The messages a client component can ask for, as paths: `t("list.undo")` on
 * `useTranslations("mail")` is "mail.list.undo"; `t(\`folderKind.${kind}\`)` is the whole group
 * "mail.folderKind"; a translator used any other way (a key in a variable, passed to a helper) is
 * its whole namespace. `useTranslations(namespace)` with a variable is every message ("").
 */
function messagesUsed(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  // Each top-level function on its own: two hooks in one file may both name their translator `t`.
  return [...new Set(code.split(/\n(?=(?:export )?(?:async )?function )/).flatMap(usedIn))];
}

function usedIn(code: string): string[] {
  const declared = new Map<string, Set<string>>();
  for (const m of code.matchAll(/const (\w+) = useTranslations\(([^)]*)\)/g)) {
    const literal = /^"([^"]*)"$/.exec(m[2]!.trim());
    const ns = m[2]!.trim() === "" ? "" : literal ? literal[1]! : "";
    declared.set(m[1]!, (declared.get(m[1]!) ?? new Set()).add(ns));
  }
  const used = new Set<string>();
  for (const [name, spaces] of declared) {
    if (spaces.size > 1) {
      spaces.forEach((ns) => used.add(ns));
      continue;
    }
    const ns = [...spaces][0]!;
    const under = (key: string) => (ns && key ? `${ns}.${key}` : ns || key);
    for (const use of code.matchAll(new RegExp(`(?<![\\w.'"\`$/-])${name}\\b`, "g"))) {
      const after = code.slice(use.index + name.length);
      if (after.startsWith(" = useTranslations(")) continue;
      const call = /^(?:\.(?:rich|markup|has|raw))?\(\s*(?:"([^"]+)"|`([^`$]*)\$\{)/.exec(after);
      if (call?.[1] !== undefined) used.add(under(call[1]));
      else if (call?.[2] !== undefined) used.add(under(call[2].slice(0, Math.max(0, call[2].lastIndexOf(".")))));
      else used.add(ns);
    }
  }
  return [...used];
}

/** Whether the paths an area sends hold `key` ("" is the whole catalogue). */
const sends = (paths: readonly string[], key: string) => paths.some((p) => key === p || key.startsWith(`${p}.`));

describe("messages sent to the browser", () => {
  // Each directory's client components and the paths their pages' layout sends (app/mail/layout.tsx;
  // app/mail/compose, signatures and settings, and app/(auth), send their own).
  const areas: [string, readonly string[]][] = [
    ["components/mail", MAIL_MESSAGES],
    ["components/mail/settings", MAIL_SETTINGS_MESSAGES],
    ["components/compose", COMPOSE_MESSAGES],
    ["components/admin", ADMIN_MESSAGES],
    ["components/auth", AUTH_MESSAGES],
  ];
  it.each(areas)("%s: every message a client component uses is sent with its pages", (dir, sent) => {
    // A subdirectory listed on its own is checked against its own list.
    const own = (file: string) =>
      !areas.some(([other]) => other !== dir && other.startsWith(`${dir}/`) && file.startsWith(other));
    const files = clientFiles(dir).filter(own);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files)
      for (const key of messagesUsed(fs.readFileSync(path.join(root, file), "utf8")))
        expect(sends(sent, key), `${file} uses ${key || "every message"}`).toBe(true);
  });

  it("components shared by every area use messages every area sends", () => {
    // FieldError takes its namespace as a prop: "errors" by default, or its caller's.
    const fieldError = fs.readFileSync(path.join(root, "components/ui/FieldError.tsx"), "utf8");
    expect(fieldError).toContain('namespace = "errors"');
    for (const paths of [MAIL_MESSAGES, ADMIN_MESSAGES, AUTH_MESSAGES]) expect(sends(paths, "errors")).toBe(true);
    for (const file of clientFiles("components/ui").filter((f) => !f.endsWith("FieldError.tsx")))
      for (const key of messagesUsed(fs.readFileSync(path.join(root, file), "utf8")))
        for (const sent of [MAIL_MESSAGES, ADMIN_MESSAGES, AUTH_MESSAGES]) expect(sends(sent, key), file).toBe(true);
  });

  it("reads the keys a component uses, and falls back to the whole namespace when it cannot", () => {
    const source = [
      'const t = useTranslations("mail");',
      'const e = useTranslations("errors");',
      "const a = useTranslations();",
      't("list.undo"); t.rich("replying", {}); t(`folderKind.${kind}`); e.has(key); a("x");',
      "// t(comment) is not a use",
      'className="border-t"',
    ].join("\n");
    expect(messagesUsed(source).sort()).toEqual(["errors", "mail.folderKind", "mail.list.undo", "mail.replying", "x"]);
  });

  it("picks only the listed paths, and nothing for a path that names nothing", () => {
    const all = { mail: { list: { undo: "Undo", move: "Move" }, search: { title: "Search" } }, common: { a: "A" } };
    expect(pickMessages(all, ["mail.list.undo", "common", "mail.nothing", "other.x"])).toEqual({
      mail: { list: { undo: "Undo" } },
      common: { a: "A" },
    });
  });

  it("every mail path names messages that exist", () => {
    for (const p of MAIL_MESSAGES.filter((p) => p.startsWith("mail.")))
      expect(Object.keys(pickMessages({ mail: en }, [p])), p).toEqual(["mail"]);
  });

  it("the mail screen sends a fraction of the mail strings", () => {
    const size = (v: unknown) => JSON.stringify(v).length;
    expect(size(pickMessages({ mail: en }, MAIL_MESSAGES))).toBeLessThan(size({ mail: en }) * 0.7);
  });
});
