import "server-only";
import fs from "node:fs";
import { DomainError } from "@/lib/errors";

export type ImportFormat = "eml" | "mbox" | "maildir";

/** One message read from the input, before parsing. */
export type SourceMessage = {
  /** Where it came from, for the report: a file name, or "file.mbox #12 (byte 3456)". */
  name: string;
  /** Folder below the import target: [] for the target itself, Maildir subfolders otherwise. */
  folder: string[];
  raw: Buffer;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  isDraft: boolean;
  /** The date to use when the message has no usable Date header (delivery time, file time). */
  fallbackDate?: Date;
};

/** A message that could not even be read (a file that vanished, a permission problem). */
export type SourceFailure = { name: string; folder: string[]; error: string };

export type SourceItem = SourceMessage | SourceFailure;

export const isFailure = (item: SourceItem): item is SourceFailure => "error" in item;

export type ImportSource = {
  format: ImportFormat;
  /** What progress is counted in, and how much there is (file count, or mbox bytes). */
  unit: "messages" | "bytes";
  total: number;
  /** Messages in input order, grouped by folder (all of one folder before the next). */
  items(onBytes?: (bytes: number) => void): AsyncIterable<SourceItem>;
};

export const NO_FLAGS = { seen: false, flagged: false, answered: false, isDraft: false } as const;

/** Reads files a few at a time, in order, so the disk is kept busy without holding many. */
export async function* readInOrder<T>(
  entries: T[],
  read: (entry: T) => Promise<SourceItem>,
  concurrency = 16,
): AsyncGenerator<SourceItem> {
  const pending: Promise<SourceItem>[] = [];
  let next = 0;
  while (next < entries.length || pending.length) {
    while (pending.length < concurrency && next < entries.length) pending.push(read(entries[next++]!));
    yield await pending.shift()!;
  }
}

/** A file's bytes and modification time, or the reason it could not be read. */
export async function readFileEntry(file: string): Promise<{ raw: Buffer; mtime: Date } | { error: string }> {
  try {
    const handle = await fs.promises.open(file, "r");
    try {
      const [stat, raw] = await Promise.all([handle.stat(), handle.readFile()]);
      return { raw, mtime: stat.mtime };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { error: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}

export function wrongFormat(message: string): DomainError {
  return new DomainError("wrongFormat", undefined, { detail: message });
}
