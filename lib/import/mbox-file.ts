import "server-only";
import fs from "node:fs";
import path from "node:path";
import { fromLineDate, NotMboxError, readMbox } from "./mbox";
import { NO_FLAGS, wrongFormat, type ImportSource, type SourceItem } from "./source";

/** Checks the first bytes: an mbox starts with a From_ line. */
export function looksLikeMbox(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(5);
    const n = fs.readSync(fd, head, 0, 5, 0);
    return n === 5 && head.toString("latin1") === "From ";
  } finally {
    fs.closeSync(fd);
  }
}

/** An mbox file, streamed: one message in memory at a time. Progress is counted in bytes. */
export function mboxFileSource(file: string): ImportSource {
  const size = fs.statSync(file).size;
  if (size > 0 && !looksLikeMbox(file))
    throw wrongFormat(`${file} is not an mbox file (it does not start with "From ")`);
  const base = path.basename(file);
  return {
    format: "mbox",
    unit: "bytes",
    total: size,
    async *items(onBytes): AsyncGenerator<SourceItem> {
      const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
      try {
        for await (const m of readMbox(stream)) {
          onBytes?.(m.offset);
          yield {
            name: `${base} #${m.index} (byte ${m.offset})`,
            folder: [],
            raw: m.raw,
            ...NO_FLAGS,
            fallbackDate: fromLineDate(m.fromLine),
          };
        }
        onBytes?.(size);
      } catch (error) {
        if (error instanceof NotMboxError) throw wrongFormat(`${file} is not an mbox file`);
        throw error;
      } finally {
        stream.destroy();
      }
    },
  };
}
