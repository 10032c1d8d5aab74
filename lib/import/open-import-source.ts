import "server-only";
import fs from "node:fs";
import { DomainError } from "@/lib/errors";
import { emlDirSource } from "./eml-dir";
import { looksLikeMbox, mboxFileSource } from "./mbox-file";
import { isMaildir, maildirSource } from "./maildir";
import { wrongFormat, type ImportFormat, type ImportSource } from "./source";

/** Opens the input, recognising its format unless one is given: Maildir, .eml directory, mbox. */
export function openSource(input: string, format: ImportFormat | "auto" = "auto"): ImportSource {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new DomainError("missingInput", undefined, { path: input });
  }
  const dir = stat.isDirectory();
  const detected: ImportFormat | null = dir
    ? isMaildir(input)
      ? "maildir"
      : "eml"
    : looksLikeMbox(input)
      ? "mbox"
      : null;
  const chosen = format === "auto" ? detected : format;
  if (!chosen) throw wrongFormat(`${input} is neither a directory (Maildir or .eml files) nor an mbox file`);
  if (chosen === "mbox") {
    if (dir) throw wrongFormat(`${input} is a directory, not an mbox file`);
    return mboxFileSource(input);
  }
  if (!dir)
    throw wrongFormat(`${input} is a file; a ${chosen === "maildir" ? "Maildir" : ".eml directory"} is a directory`);
  if (chosen === "maildir") {
    if (!isMaildir(input)) throw wrongFormat(`${input} is not a Maildir (it has no cur/ or new/)`);
    return maildirSource(input);
  }
  const source = emlDirSource(input);
  if (source.total === 0) throw wrongFormat(`${input} holds no .eml file`);
  return source;
}
