import "server-only";

/**
 * mbox reading and writing (mboxrd): messages are separated by a "From " line that follows a
 * blank line (or starts the file); inside a message, lines matching /^>*From / are quoted with
 * one more ">" on writing and unquoted by one on reading, so what goes in comes out byte for byte.
 * Works on bytes, never decoded text, and streams: memory holds one message at a time.
 */

export class NotMboxError extends Error {
  constructor() {
    super('not an mbox file: it does not start with a "From " line');
    this.name = "NotMboxError";
  }
}

export type MboxMessage = {
  raw: Buffer;
  /** The From_ line without its line end. */
  fromLine: string;
  /** 1-based position in the file. */
  index: number;
  /** Byte offset of the From_ line in the file. */
  offset: number;
};

const NL = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM = Buffer.from("From ");
/** A From_ line: "From <sender> <date with a time>"; prose that starts with "From " rarely has both. */
const FROM_LINE = /^From \S+ .*\d{1,2}:\d{2}/;

function startsWithFrom(buf: Buffer, at: number, end: number): boolean {
  return end - at >= 5 && buf.compare(FROM, 0, 5, at, at + 5) === 0;
}

/** Length of the run of ">" at `at` if a "From " follows it, else -1. */
function quotedFromDepth(buf: Buffer, at: number, end: number): number {
  let i = at;
  while (i < end && buf[i] === GT) i++;
  return i > at && startsWithFrom(buf, i, end) ? i - at : -1;
}

/**
 * Splits an mbox byte stream into messages. The blank line before each From_ line belongs to the
 * format, not to the message; so does the trailing blank line at the end of the file.
 */
export async function* readMbox(chunks: AsyncIterable<Buffer>): AsyncGenerator<MboxMessage> {
  let carry: Buffer | null = null;
  let offset = 0; // file offset where `data` starts
  let parts: Buffer[] = [];
  let current: { fromLine: string; offset: number } | null = null;
  let lastLineBlank = 0; // byte length of the message's last line when it was blank, else 0
  let index = 0;
  let sawAny = false;

  const finish = (): MboxMessage | null => {
    if (!current) return null;
    let raw = parts.length === 1 ? Buffer.from(parts[0]!) : Buffer.concat(parts);
    if (lastLineBlank) raw = raw.subarray(0, raw.length - lastLineBlank);
    parts = [];
    lastLineBlank = 0;
    return { raw, fromLine: current.fromLine, index: ++index, offset: current.offset };
  };

  // Scans whole lines of `data`; message bytes are taken as runs between the lines that change
  // (From_ lines, quoted ">From " lines), so ordinary lines cost one indexOf each.
  const process = function* (data: Buffer, final: boolean): Generator<MboxMessage> {
    carry = null;
    let run = 0;
    let start = 0;
    while (start < data.length) {
      const nl = data.indexOf(NL, start);
      if (nl === -1 && !final) {
        carry = data.subarray(start);
        break;
      }
      const end = nl === -1 ? data.length : nl + 1;
      if (!sawAny) {
        sawAny = true;
        if (!startsWithFrom(data, start, end)) throw new NotMboxError();
      }
      if (startsWithFrom(data, start, end) && (current === null || lastLineBlank)) {
        const fromLine = data.toString("latin1", start, end).replace(/\r?\n$/, "");
        if (current === null || FROM_LINE.test(fromLine)) {
          if (current && start > run) parts.push(data.subarray(run, start));
          const done = finish();
          if (done) yield done;
          current = { fromLine, offset: offset + start };
          run = start = end;
          continue;
        }
      }
      if (data[start] === GT && quotedFromDepth(data, start, end) > 0) {
        if (start > run) parts.push(data.subarray(run, start));
        run = start + 1;
      }
      const length = end - start;
      lastLineBlank =
        (length === 1 && data[start] === NL) || (length === 2 && data[start] === CR && data[start + 1] === NL)
          ? length
          : 0;
      start = end;
    }
    const runEnd = carry ? data.length - (carry as Buffer).length : data.length;
    if (current && runEnd > run) parts.push(data.subarray(run, runEnd));
  };

  for await (const chunk of chunks) {
    const previous: Buffer | null = carry;
    const data: Buffer = previous ? Buffer.concat([previous, chunk]) : chunk;
    yield* process(data, false);
    offset += data.length - (carry ? (carry as Buffer).length : 0);
  }
  if (carry) yield* process(carry, true);
  const last = finish();
  if (last) yield last;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const pad = (n: number) => String(n).padStart(2, "0");

/** asctime() in UTC, as From_ lines carry it: "Mon Jan  6 09:05:00 2025". */
export function asctime(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, " ")} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCFullYear()}`
  );
}

/** The delivery date of a From_ line ("From sender Mon Jan  6 09:05:00 2025"), read as UTC. */
export function fromLineDate(fromLine: string): Date | undefined {
  const m = /(\w{3}) +(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: [A-Z]{3,4}| [+-]\d{4})? +(\d{4})/.exec(fromLine);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!);
  if (month < 0) return undefined;
  const date = new Date(Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0)));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The From_ line for a message: the envelope sender (no spaces) and the date. */
export function fromLineFor(sender: string, date: Date): string {
  const envelope = sender.replace(/\s+/g, "") || "MAILER-DAEMON";
  return `From ${envelope} ${asctime(date)}`;
}

/**
 * One message as mbox bytes: From_ line, the message with /^>*From / lines quoted, a line end
 * if it lacks one, then the blank separator line.
 */
export function mboxEntry(raw: Buffer, fromLine: string): Buffer {
  const out: Buffer[] = [Buffer.from(`${fromLine}\n`, "latin1")];
  let copied = 0;
  let at = raw.indexOf(FROM);
  while (at !== -1) {
    let lineStart = at;
    while (lineStart > 0 && raw[lineStart - 1] === GT) lineStart--;
    if (lineStart === 0 || raw[lineStart - 1] === NL) {
      out.push(raw.subarray(copied, lineStart), Buffer.from(">"));
      copied = lineStart;
    }
    at = raw.indexOf(FROM, at + 1);
  }
  out.push(raw.subarray(copied));
  if (raw.length > 0 && raw[raw.length - 1] !== NL) out.push(Buffer.from("\n"));
  out.push(Buffer.from("\n"));
  return Buffer.concat(out);
}
