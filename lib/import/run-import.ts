import "server-only";
import path from "node:path";
import type { Db } from "@/db/client";
import type { Folder } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { OPERATOR } from "@/lib/setup/operator";
import { openSource } from "./open-import-source";
import { inProcessParser, type Parser } from "./parser-pool";
import { storeBatch, type PreparedMessage, type QuotaStop } from "./store-batch";
import { isFailure, type ImportFormat, type SourceItem, type SourceMessage } from "./source";
import {
  findFolder,
  findMailbox,
  folderFor,
  folderPath,
  loadFolderTree,
  ensureFolderPath,
  splitFolderPath,
} from "./target";

export type ImportOptions = {
  /** Address of the mailbox (user or shared). */
  mailbox: string;
  /** A Maildir, a directory of .eml files or an mbox file. */
  input: string;
  format?: ImportFormat | "auto";
  /** Target folder by kind or path; default Inbox (Maildir: its own layout). */
  folder?: string;
  /** Create the target folder path when it does not exist. */
  createFolder?: boolean;
  /** Messages per transaction. */
  batchSize?: number;
  parser?: Parser;
  onProgress?: (progress: ImportProgress) => void;
};

export type ImportProgress = {
  unit: "messages" | "bytes";
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
};

export type ImportSummary = {
  format: ImportFormat;
  mailbox: string;
  imported: number;
  importedBytes: number;
  duplicates: number;
  failed: { name: string; error: string }[];
  /** Set when the import stopped because the mailbox would pass its quota. */
  quotaStop: QuotaStop | null;
  /** Messages imported per folder path ("Inbox", "Inbox/Projects"). */
  folders: Record<string, number>;
  elapsedMs: number;
};

export const DEFAULT_BATCH = 500;
/** A batch is also cut at this many bytes, so large messages keep memory bounded. */
const BATCH_BYTES = 32 * 1024 * 1024;

type Batch = { folder: string[]; items: SourceMessage[] };

async function* batches(
  items: AsyncIterable<SourceItem>,
  size: number,
  onFailure: (f: { name: string; error: string }) => void,
) {
  let current: Batch | null = null;
  let bytes = 0;
  for await (const item of items) {
    if (isFailure(item)) {
      onFailure(item);
      continue;
    }
    const key = item.folder.join("\u0000");
    if (current && (current.folder.join("\u0000") !== key || current.items.length >= size || bytes >= BATCH_BYTES)) {
      yield current;
      current = null;
    }
    if (!current) {
      current = { folder: item.folder, items: [] };
      bytes = 0;
    }
    current.items.push(item);
    bytes += item.raw.length;
  }
  if (current) yield current;
}

/**
 * Imports mail into a mailbox: reads the input as a stream, parses each batch (in parallel with
 * a worker parser) while the previous batch is written, and stops cleanly at the quota.
 * Re-running it skips what is already there, so an interrupted import can simply be run again.
 */
export async function runImport(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const mailbox = await findMailbox(db, options.mailbox);
  const tree = await loadFolderTree(db, mailbox);
  const source = openSource(options.input, options.format);
  let target: Folder | null = null;
  if (options.folder) {
    target = findFolder(tree, options.folder);
    if (!target && options.createFolder)
      target = await ensureFolderPath(db, tree, null, splitFolderPath(options.folder));
    if (!target)
      throw new DomainError("unknownFolder", undefined, { folder: options.folder, address: mailbox.address });
  }
  if (source.format !== "maildir") target ??= findFolder(tree, "inbox");
  const parser = options.parser ?? inProcessParser();
  const size = Math.min(Math.max(options.batchSize ?? DEFAULT_BATCH, 1), 1000);

  const summary: ImportSummary = {
    format: source.format,
    mailbox: mailbox.address,
    imported: 0,
    importedBytes: 0,
    duplicates: 0,
    failed: [],
    quotaStop: null,
    folders: {},
    elapsedMs: 0,
  };
  const progress: ImportProgress = {
    unit: source.unit,
    total: source.total,
    done: 0,
    imported: 0,
    duplicates: 0,
    failed: 0,
  };
  const report = () => {
    Object.assign(progress, {
      imported: summary.imported,
      duplicates: summary.duplicates,
      failed: summary.failed.length,
    });
    options.onProgress?.({ ...progress });
  };
  const fail = (f: { name: string; error: string }) => summary.failed.push({ name: f.name, error: f.error });
  /** A file that could not be read never reaches a batch: count it as done here. */
  const unreadable = (f: { name: string; error: string }) => {
    fail(f);
    if (source.unit === "messages") progress.done++;
  };

  const store = async (batch: Batch, parsed: PreparedMessage[]) => {
    const folder = await folderFor(db, tree, target, batch.folder);
    const result = parsed.length
      ? await storeBatch(db, mailbox, folder, parsed)
      : { imported: 0, importedBytes: 0, duplicates: 0, quotaStop: null };
    summary.imported += result.imported;
    summary.importedBytes += result.importedBytes;
    summary.duplicates += result.duplicates;
    summary.quotaStop = result.quotaStop;
    const name = folderPath(tree, folder).join("/");
    if (result.imported) summary.folders[name] = (summary.folders[name] ?? 0) + result.imported;
    if (source.unit === "messages") progress.done += batch.items.length;
    report();
  };

  let writing: Promise<void> = Promise.resolve();
  try {
    for await (const batch of batches(
      source.items((bytes) => (progress.done = bytes)),
      size,
      unreadable,
    )) {
      const results = await parser.parse(batch.items.map((m) => m.raw));
      const parsed: PreparedMessage[] = [];
      results.forEach((r, i) => {
        const item = batch.items[i]!;
        if (r.ok) parsed.push({ ...item, listing: r.listing, sha256: r.sha256 });
        else fail({ name: item.name, error: r.error });
      });
      await writing;
      if (summary.quotaStop) break;
      writing = store(batch, parsed);
    }
    await writing;
  } finally {
    await writing.catch(() => {});
    summary.elapsedMs = Date.now() - started;
  }
  if (summary.imported > 0 || summary.quotaStop || summary.failed.length) {
    await recordAudit(db, {
      orgId: mailbox.orgId,
      actor: OPERATOR,
      mailbox: { id: mailbox.id, address: mailbox.address },
      action: "mailbox.import",
      details: {
        input: path.basename(options.input),
        format: source.format,
        imported: summary.imported,
        duplicates: summary.duplicates,
        failed: summary.failed.length,
        quotaStop: Boolean(summary.quotaStop),
      },
    });
  }
  report();
  return summary;
}
