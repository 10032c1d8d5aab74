import { InvalidArgumentError, type Command } from "commander";
import { runExport } from "@/lib/export/run-export";
import { workerParser } from "@/lib/import/parser-pool";
import { DEFAULT_BATCH, runImport, type ImportSummary } from "@/lib/import/run-import";
import type { ImportFormat } from "@/lib/import/source";
import { withDb } from "../database";
import { EXIT } from "../errors";
import { bytes, duration } from "../format";
import { importProgressView } from "../progress";

const IMPORT_FORMATS = ["auto", "eml", "mbox", "maildir"];

function choice(values: string[]) {
  return (value: string) => {
    if (!values.includes(value)) throw new InvalidArgumentError(`choose one of ${values.join(", ")}`);
    return value;
  };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("a whole number of at least 1");
  return n;
}

function printSummary(s: ImportSummary): number {
  const seconds = Math.max(s.elapsedMs / 1000, 0.001);
  console.log(
    `Imported ${s.imported} message(s) (${bytes(s.importedBytes)}) into ${s.mailbox} in ${duration(s.elapsedMs)} ` +
      `(${Math.round(s.imported / seconds)} msg/s); skipped ${s.duplicates} already there; failed ${s.failed.length}.`,
  );
  for (const [folder, n] of Object.entries(s.folders)) console.log(`  ${folder}: ${n}`);
  for (const f of s.failed) console.log(`failed: ${f.name}: ${f.error}`);
  if (s.quotaStop) {
    const q = s.quotaStop;
    console.log(
      `Stopped: the mailbox is full (${bytes(q.usedBytes)} used of the ${bytes(q.limitBytes)} it may receive); ` +
        `${q.next} (${bytes(q.nextBytes)}) and what follows were not imported. Raise the quota and run the same ` +
        `command again: ` +
        "what is already imported is skipped.",
    );
    return EXIT.quotaStop;
  }
  return s.failed.length ? EXIT.someFailed : EXIT.ok;
}

export function transferCommands(program: Command): void {
  program
    .command("import")
    .description("import mail into a mailbox (user or shared): a Maildir, a directory of .eml files, or an mbox file")
    .argument("<mailbox>", "address of the mailbox")
    .argument("<input>", "Maildir directory, directory of .eml files, or mbox file")
    .option(
      "--folder <folder>",
      'target folder: a kind (inbox, drafts, sent, deleted, junk, archive) or a path ("Inbox/Projects"); default ' +
        "Inbox, or for a Maildir its own folders",
    )
    .option("--create-folder", "create the --folder path when it does not exist")
    .option("--format <format>", `input format: ${IMPORT_FORMATS.join(", ")}`, choice(IMPORT_FORMATS), "auto")
    .option("--batch-size <n>", "messages per transaction (at most 1000)", positiveInt, DEFAULT_BATCH)
    .option("--threads <n>", "parser threads", positiveInt)
    .option("--quiet", "no progress display")
    .addHelpText(
      "after",
      `
Maildir: cur/ and new/ are imported (tmp/ is skipped); flags S, F, R become seen, flagged, answered.
Without --folder the Maildir's own layout is kept: its top goes to Inbox, subfolders .Name.Sub become
folders Name/Sub, and Sent, Trash, Junk, Drafts, Archive (and their usual variants) go to the
well-known folders. With --folder everything goes below that folder.
Every message keeps its own Date as its received date (else the delivery time the input records).
Messages already in the folder (same Message-ID and same content) are skipped, so an interrupted
import can be run again. Malformed messages are reported by name and skipped.
Exit codes: 0 done, 2 bad input, 3 database in use, 4 stopped at the mailbox quota, 5 done with failures.`,
    )
    .action(
      async (
        mailbox: string,
        input: string,
        o: {
          folder?: string;
          createFolder?: boolean;
          format: string;
          batchSize: number;
          threads?: number;
          quiet?: boolean;
        },
      ) => {
        const code = await withDb(async (db) => {
          const parser = workerParser(o.threads);
          const view = importProgressView({ quiet: o.quiet });
          try {
            const summary = await runImport(db, {
              mailbox,
              input,
              folder: o.folder,
              createFolder: o.createFolder,
              format: o.format as ImportFormat | "auto",
              batchSize: o.batchSize,
              parser,
              onProgress: (p) => view.update(p),
            });
            view.stop();
            return printSummary(summary);
          } finally {
            view.stop();
            await parser.close();
          }
        });
        process.exitCode = code;
      },
    );

  program
    .command("export")
    .description("export a folder or a whole mailbox as mbox or .eml files, with the stored bytes unchanged")
    .argument("<mailbox>", "address of the mailbox")
    .argument("<output>", "with --folder and mbox: the file to write; otherwise a directory")
    .option("--folder <folder>", "one folder, by kind or path; default: every folder")
    .option("--format <format>", "mbox or eml", choice(["mbox", "eml"]), "mbox")
    .addHelpText(
      "after",
      `
A whole mailbox is written as one .mbox file per folder (Inbox.mbox, Projects/2024.mbox) or one
directory of numbered .eml files per folder. Existing files are never overwritten.`,
    )
    .action((mailbox: string, output: string, o: { folder?: string; format: "mbox" | "eml" }) =>
      withDb(async (db) => {
        const summary = await runExport(db, { mailbox, output, folder: o.folder, format: o.format });
        console.log(`Exported ${summary.messages} message(s) (${bytes(summary.bytes)}) from ${mailbox}:`);
        for (const f of summary.files) console.log(`  ${f.folder}: ${f.messages} → ${f.path}`);
      }),
    );
}
