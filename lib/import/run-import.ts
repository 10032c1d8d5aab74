import "server-only";
import path from "node:path";
import type { Db } from "@/db/client";
import type { Folder } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { analyzeAfterBulkWrite } from "@/lib/messages/planner-statistics";
import { OPERATOR } from "@/lib/setup/operator";
import { openSource } from "./open-import-source";
import { inProcessParser, type Parser } from "./parser-pool";
import { importTally, type ImportProgress, type ImportSummary } from "./import-tally";
import { storeBatch, type PreparedMessage } from "./store-batch";
import { isFailure, type ImportFormat, type SourceItem, type SourceMessage } from "./source";
import {
  findFolder,
  findMailbox,
  folderFor,
  folderPath,
  loadFolderTree,
  ensureFolderPath,
  splitFolderPath,
  type FolderTree,
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

export type { ImportProgress, ImportSummary } from "./import-tally";

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

/** The folder named by --folder (created with --create-folder), else the Inbox; a Maildir keeps its own layout. */
async function resolveTarget(
  db: Db,
  tree: FolderTree,
  mailbox: { address: string },
  options: Pick<ImportOptions, "folder" | "createFolder">,
  format: ImportFormat,
): Promise<Folder | null> {
  let target: Folder | null = null;
  if (options.folder) {
    target = findFolder(tree, options.folder);
    if (!target && options.createFolder)
      target = await ensureFolderPath(db, tree, null, splitFolderPath(options.folder));
    if (!target)
      throw new DomainError("unknownFolder", undefined, { folder: options.folder, address: mailbox.address });
  }
  if (format !== "maildir") target ??= findFolder(tree, "inbox");
  return target;
}

/** The parse phase: a batch's raw messages parsed (worker pool or in process); failures are tallied. */
async function parseBatch(parser: Parser, batch: Batch, fail: (f: { name: string; error: string }) => void) {
  const results = await parser.parse(batch.items.map((m) => m.raw));
  const parsed: PreparedMessage[] = [];
  results.forEach((r, i) => {
    const item = batch.items[i]!;
    if (r.ok) parsed.push({ ...item, listing: r.listing, sha256: r.sha256 });
    else fail({ name: item.name, error: r.error });
  });
  return parsed;
}

/** The audit phase: one "mailbox.import" event when the import changed or refused anything. */
async function auditImport(
  db: Db,
  mailbox: { id: string; orgId: string; address: string },
  input: string,
  summary: ImportSummary,
) {
  if (summary.imported === 0 && !summary.quotaStop && summary.failed.length === 0) return;
  await recordAudit(db, {
    orgId: mailbox.orgId,
    actor: OPERATOR,
    mailbox: { id: mailbox.id, address: mailbox.address },
    action: "mailbox.import",
    details: {
      input: path.basename(input),
      format: summary.format,
      imported: summary.imported,
      duplicates: summary.duplicates,
      failed: summary.failed.length,
      quotaStop: Boolean(summary.quotaStop),
    },
  });
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
  const target = await resolveTarget(db, tree, mailbox, options, source.format);
  const parser = options.parser ?? inProcessParser();
  const size = Math.min(Math.max(options.batchSize ?? DEFAULT_BATCH, 1), 1000);
  const tally = importTally(source, mailbox.address, options.onProgress);
  const { summary } = tally;

  /** The store phase: one batch in one transaction, into its folder (created for a Maildir's own). */
  const store = async (batch: Batch, parsed: PreparedMessage[]) => {
    const folder = await folderFor(db, tree, target, batch.folder);
    const result = parsed.length
      ? await storeBatch(db, mailbox, folder, parsed)
      : { imported: 0, importedBytes: 0, duplicates: 0, quotaStop: null };
    tally.stored(result, folderPath(tree, folder).join("/"), batch.items.length);
    tally.report();
  };

  let writing: Promise<void> = Promise.resolve();
  try {
    for await (const batch of batches(source.items(tally.readBytes), size, tally.unreadable)) {
      const parsed = await parseBatch(parser, batch, tally.fail);
      await writing;
      if (summary.quotaStop) break;
      writing = store(batch, parsed);
    }
    await writing;
  } finally {
    await writing.catch(() => {});
    // Whatever stopped the import, what it wrote is committed: the planner needs to know (search, listing).
    await analyzeAfterBulkWrite(db, summary.imported);
    summary.elapsedMs = Date.now() - started;
  }
  await auditImport(db, mailbox, options.input, summary);
  tally.report();
  return summary;
}
