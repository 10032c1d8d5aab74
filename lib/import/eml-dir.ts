import "server-only";
import fs from "node:fs";
import path from "node:path";
import { NO_FLAGS, readFileEntry, readInOrder, type ImportSource } from "./source";

const byNaturalName = new Intl.Collator("en", { numeric: true }).compare;

/** A directory of .eml files (not its subdirectories), in natural name order. */
export function emlDirSource(dir: string): ImportSource {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".eml"))
    .map((e) => e.name)
    .sort(byNaturalName);
  return {
    format: "eml",
    unit: "messages",
    total: names.length,
    items: () =>
      readInOrder(names, async (name) => {
        const entry = await readFileEntry(path.join(dir, name));
        if ("error" in entry) return { name, folder: [], error: entry.error };
        return { name, folder: [], raw: entry.raw, ...NO_FLAGS, fallbackDate: entry.mtime };
      }),
  };
}
