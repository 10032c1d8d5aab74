import "server-only";
import type { ImportFormat } from "./source";
import type { QuotaStop } from "./store-batch";

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

type Failure = { name: string; error: string };
type Stored = { imported: number; importedBytes: number; duplicates: number; quotaStop: QuotaStop | null };

/**
 * The report phase of an import: what was imported, skipped and refused so far (the summary),
 * and the progress told to the caller after each batch.
 */
export function importTally(
  source: { format: ImportFormat; unit: "messages" | "bytes"; total: number },
  mailbox: string,
  onProgress?: (progress: ImportProgress) => void,
) {
  const summary: ImportSummary = {
    format: source.format,
    mailbox,
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
  const countsMessages = source.unit === "messages";
  return {
    summary,
    /** Tells the caller where the import stands. */
    report() {
      Object.assign(progress, {
        imported: summary.imported,
        duplicates: summary.duplicates,
        failed: summary.failed.length,
      });
      onProgress?.({ ...progress });
    },
    /** A message that could not be parsed (its batch counts it as done). */
    fail(f: Failure) {
      summary.failed.push({ name: f.name, error: f.error });
    },
    /** A file that could not be read never reaches a batch: counted as done here. */
    unreadable(f: Failure) {
      summary.failed.push({ name: f.name, error: f.error });
      if (countsMessages) progress.done++;
    },
    /** For a byte-counted input (mbox), how far the reader is. */
    readBytes(bytes: number) {
      progress.done = bytes;
    },
    /** A batch written into `folderName`. */
    stored(result: Stored, folderName: string, batchSize: number) {
      summary.imported += result.imported;
      summary.importedBytes += result.importedBytes;
      summary.duplicates += result.duplicates;
      summary.quotaStop = result.quotaStop;
      if (result.imported) summary.folders[folderName] = (summary.folders[folderName] ?? 0) + result.imported;
      if (countsMessages) progress.done += batchSize;
    },
  };
}
