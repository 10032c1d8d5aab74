import "server-only";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { messageContents, messages, type Folder } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { DomainError } from "@/lib/errors";
import { fromLineFor, mboxEntry } from "@/lib/import/mbox";
import { OPERATOR } from "@/lib/setup/operator";
import { findMailbox, folderPath, loadFolderTree, requireFolder, type FolderTree } from "@/lib/import/target";
import { openOutput, safeName, type Output } from "./output";

export type ExportFormat = "mbox" | "eml";

export type ExportOptions = {
  mailbox: string;
  /** One folder by kind or path; without it, every folder of the mailbox. */
  folder?: string;
  format: ExportFormat;
  /**
   * One folder to mbox: the file to write. Otherwise a directory: .eml files (a subdirectory per
   * folder for a whole mailbox), or one .mbox file per folder.
   */
  output: string;
  onProgress?: (done: number, total: number) => void;
};

export type ExportSummary = {
  messages: number;
  bytes: number;
  files: { folder: string; path: string; messages: number }[];
};

const PAGE = 200;

type Row = { raw: Buffer; fromAddress: string; receivedAt: Date; at: string; id: string };

/** Every message of a folder, oldest first, with its raw bytes, a page at a time (keyset). */
async function* folderMessages(db: Db, folder: Folder): AsyncGenerator<Row> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows: Row[] = await db
      .select({
        raw: messageContents.raw,
        fromAddress: messages.fromAddress,
        receivedAt: messages.receivedAt,
        at: sql<string>`${messages.receivedAt}::text`,
        id: messages.id,
      })
      .from(messages)
      .innerJoin(
        messageContents,
        and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId)),
      )
      .where(
        and(
          eq(messages.orgId, folder.orgId),
          eq(messages.folderId, folder.id),
          after
            ? sql`(${messages.receivedAt}, ${messages.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(messages.receivedAt), asc(messages.id))
      .limit(PAGE);
    yield* rows;
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    after = { at: last.at, id: last.id };
  }
}

/** Where each folder goes, relative to a whole-mailbox output directory. */
function relativePath(tree: FolderTree, folder: Folder): string {
  return path.join(...folderPath(tree, folder).map(safeName));
}

/**
 * Exports a folder or a whole mailbox as mbox or .eml files. The bytes written for each message
 * are the stored raw bytes (mbox adds only its From_ line, ">From " quoting and separator line).
 */
export async function runExport(db: Db, options: ExportOptions): Promise<ExportSummary> {
  const mailbox = await findMailbox(db, options.mailbox);
  const tree = await loadFolderTree(db, mailbox);
  const chosen = options.folder ? [requireFolder(tree, options.folder)] : tree.folders;
  const list = chosen
    .map((folder) => ({ folder, rel: relativePath(tree, folder) }))
    .sort((a, b) => a.rel.localeCompare(b.rel));
  const single = Boolean(options.folder);
  if (single && options.format === "mbox" && fs.existsSync(options.output) && fs.statSync(options.output).isDirectory())
    throw new DomainError("invalidOutput", undefined, {
      detail: `${options.output} is a directory; name the mbox file to write`,
    });

  const total = list.reduce((n, f) => n + f.folder.totalCount, 0);
  const summary: ExportSummary = { messages: 0, bytes: 0, files: [] };
  for (const { folder, rel } of list) {
    const target =
      options.format === "mbox"
        ? single
          ? options.output
          : path.join(options.output, `${rel}.mbox`)
        : single
          ? options.output
          : path.join(options.output, rel);
    const out: Output = await openOutput(options.format, target);
    let count = 0;
    try {
      for await (const row of folderMessages(db, folder)) {
        count++;
        await out.write(
          options.format === "mbox" ? mboxEntry(row.raw, fromLineFor(row.fromAddress, row.receivedAt)) : row.raw,
          count,
        );
        summary.bytes += row.raw.length;
        options.onProgress?.(summary.messages + count, total);
      }
    } finally {
      await out.close();
    }
    summary.messages += count;
    summary.files.push({ folder: folderPath(tree, folder).join("/"), path: target, messages: count });
  }
  await recordAudit(db, {
    orgId: mailbox.orgId,
    actor: OPERATOR,
    mailbox: { id: mailbox.id, address: mailbox.address },
    action: "mailbox.export",
    details: { folder: options.folder ?? null, format: options.format, messages: summary.messages },
  });
  return summary;
}
