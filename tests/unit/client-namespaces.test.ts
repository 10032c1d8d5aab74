import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ADMIN_NAMESPACES,
  AUTH_NAMESPACES,
  COMPOSE_NAMESPACES,
  MAIL_NAMESPACES,
  MAIL_SETTINGS_NAMESPACES,
} from "@/lib/i18n/client-namespaces";

const root = path.resolve(__dirname, "../..");

function clientFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return clientFiles(rel);
    if (!/\.tsx?$/.test(e.name)) return [];
    return fs.readFileSync(path.join(root, rel), "utf8").startsWith('"use client"') ? [rel] : [];
  });
}

const namespacesUsed = (file: string) =>
  [...fs.readFileSync(path.join(root, file), "utf8").matchAll(/useTranslations\("([^".]+)/g)].map((m) => m[1]!);

describe("messages sent to the browser", () => {
  // Each directory's client components and the namespaces their pages' layout sends (app/mail/layout.tsx;
  // app/mail/compose, signatures and settings add their own).
  const areas: [string, string[]][] = [
    ["components/mail", MAIL_NAMESPACES],
    ["components/mail/settings", MAIL_SETTINGS_NAMESPACES],
    ["components/compose", COMPOSE_NAMESPACES],
    ["components/admin", ADMIN_NAMESPACES],
    ["components/auth", AUTH_NAMESPACES],
  ];
  it.each(areas)("%s: every client component's namespace is sent with its pages", (dir, sent) => {
    // A subdirectory listed on its own is checked against its own list.
    const own = (file: string) =>
      !areas.some(([other]) => other !== dir && other.startsWith(`${dir}/`) && file.startsWith(other));
    const files = clientFiles(dir).filter(own);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) for (const ns of namespacesUsed(file)) expect(sent, `${file} uses ${ns}`).toContain(ns);
  });

  it("components shared by every area use namespaces every area sends", () => {
    for (const file of clientFiles("components/ui"))
      for (const ns of namespacesUsed(file))
        for (const sent of [MAIL_NAMESPACES, ADMIN_NAMESPACES, AUTH_NAMESPACES])
          expect(sent, `${file} uses ${ns}`).toContain(ns);
  });
});
