import "server-only";
import fs from "node:fs";
import path from "node:path";
import { readFileEntry, readInOrder, type ImportSource, type SourceItem } from "./source";

/** Modified UTF-7 (RFC 3501 §5.1.3), as Maildir++ folder names are written: "Envoy&AOk-s". */
export function decodeModifiedUtf7(name: string): string {
  return name.replace(/&([A-Za-z0-9+,]*)-/g, (whole, b64: string) => {
    if (b64 === "") return "&";
    const bytes = Buffer.from(b64.replace(/,/g, "/"), "base64");
    if (bytes.length % 2 !== 0) return whole;
    return bytes.swap16().toString("utf16le");
  });
}

/** Maildir info flags (after ":2,"): S seen, F flagged, R replied, D draft. */
export function maildirFlags(fileName: string) {
  const m = /[:;!]2,([A-Za-z]*)$/.exec(fileName);
  const flags = m?.[1] ?? "";
  return {
    seen: flags.includes("S"),
    flagged: flags.includes("F"),
    answered: flags.includes("R"),
    isDraft: flags.includes("D"),
  };
}

/** Delivery time from a Maildir file name ("1700000000.M1P2.host:2,S"), when it starts with one. */
function nameDate(fileName: string): Date | undefined {
  const seconds = /^(\d{9,11})\./.exec(fileName)?.[1];
  return seconds ? new Date(Number(seconds) * 1000) : undefined;
}

export const isMaildir = (dir: string) =>
  ["cur", "new"].some((sub) => fs.existsSync(path.join(dir, sub)) && fs.statSync(path.join(dir, sub)).isDirectory());

type Entry = { file: string; name: string; folder: string[]; inNew: boolean };

function listMessages(dir: string, folder: string[], label: string): Entry[] {
  const entries: Entry[] = [];
  for (const sub of ["new", "cur"] as const) {
    const at = path.join(dir, sub);
    if (!fs.existsSync(at)) continue;
    for (const e of fs.readdirSync(at, { withFileTypes: true })) {
      if (!e.isFile() || e.name.startsWith(".")) continue;
      entries.push({ file: path.join(at, e.name), name: path.join(label, sub, e.name), folder, inNew: sub === "new" });
    }
  }
  const key = (e: Entry) => path.basename(e.file);
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * A Maildir++ (cur/new; tmp holds deliveries in progress and is skipped). Its subfolders
 * ".Name.Sub" become folders Name/Sub below the target; names are decoded from modified UTF-7.
 */
export function maildirSource(dir: string): ImportSource {
  const subfolders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(
      (e) =>
        e.isDirectory() &&
        e.name.startsWith(".") &&
        e.name.length > 1 &&
        e.name !== ".." &&
        isMaildir(path.join(dir, e.name)),
    )
    .map((e) => ({ dirName: e.name, folder: e.name.slice(1).split(".").filter(Boolean).map(decodeModifiedUtf7) }))
    .sort((a, b) => a.folder.join("/").localeCompare(b.folder.join("/")));
  const entries = [
    ...listMessages(dir, [], ""),
    ...subfolders.flatMap((s) => listMessages(path.join(dir, s.dirName), s.folder, s.dirName)),
  ];
  return {
    format: "maildir",
    unit: "messages",
    total: entries.length,
    items: () =>
      readInOrder(entries, async (entry): Promise<SourceItem> => {
        const read = await readFileEntry(entry.file);
        if ("error" in read) return { name: entry.name, folder: entry.folder, error: read.error };
        const flags = entry.inNew
          ? { seen: false, flagged: false, answered: false, isDraft: false }
          : maildirFlags(entry.file);
        return {
          name: entry.name,
          folder: entry.folder,
          raw: read.raw,
          ...flags,
          fallbackDate: nameDate(path.basename(entry.file)) ?? read.mtime,
        };
      }),
  };
}
