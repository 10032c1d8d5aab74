import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { buildMessage } from "../../lib/mime/build-message";
import { fromLineFor, mboxEntry } from "../../lib/import/mbox";

const made: string[] = [];
afterAll(() => made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A fresh temporary directory for one test's files, removed after the test file. */
export function tempDir(prefix = "mailroom-io-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Real MIME messages with distinct dates (a day apart, oldest first), some with tricky bodies. */
export async function sampleMessages(count: number, options: { start?: Date; tag?: string } = {}): Promise<Buffer[]> {
  const start = options.start ?? new Date("2024-03-01T08:00:00Z");
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const text =
      i % 3 === 0
        ? `Bonjour,\n\nFrom the start of the project we said:\n>From quoted reply\n>>From deeper\n\nÀ bientôt ${i}`
        : `Hello ${i},\n\nThe quarterly figures are attached.\n`;
    out.push(
      await buildMessage({
        from: { name: `Sender ${i}`, address: `sender${i}@elsewhere.test` },
        to: [{ name: "Support", address: "support@example.test" }],
        subject: `${options.tag ?? "Message"} ${i} — été`,
        text,
        attachments:
          i % 4 === 1
            ? [{ filename: "figures.csv", contentType: "text/csv", content: Buffer.from("a;b\n1;2\n") }]
            : undefined,
        date: new Date(start.getTime() + i * 86_400_000),
        messageId: `<${options.tag ?? "m"}-${i}@elsewhere.test>`,
      }),
    );
  }
  return out;
}

export function writeEmlDir(dir: string, raws: Buffer[]): string {
  fs.mkdirSync(dir, { recursive: true });
  raws.forEach((raw, i) => fs.writeFileSync(path.join(dir, `${String(i + 1).padStart(3, "0")}.eml`), raw));
  return dir;
}

export function writeMbox(file: string, raws: Buffer[]): string {
  fs.writeFileSync(
    file,
    Buffer.concat(
      raws.map((raw) => mboxEntry(raw, fromLineFor("sender@elsewhere.test", new Date("2024-01-01T00:00:00Z")))),
    ),
  );
  return file;
}

/** Writes a Maildir message file: new/ when `flags` is null, else cur/ with ":2,<flags>". */
export function writeMaildirMessage(folderDir: string, name: string, raw: Buffer, flags: string | null): void {
  for (const sub of ["cur", "new", "tmp"]) fs.mkdirSync(path.join(folderDir, sub), { recursive: true });
  const file = flags === null ? path.join(folderDir, "new", name) : path.join(folderDir, "cur", `${name}:2,${flags}`);
  fs.writeFileSync(file, raw);
}

export const sortBuffers = (list: Buffer[]) => [...list].sort(Buffer.compare);
