import "server-only";
import fs from "node:fs";
import path from "node:path";
import { DomainError } from "@/lib/errors";

export type Output = { write(bytes: Buffer, n: number): Promise<void>; close(): Promise<void> };

/** A folder name as a file or directory name: no separators, control characters or dot names. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, "_").trim();
  return cleaned === "" || cleaned === "." || cleaned === ".." ? `_${cleaned}` : cleaned;
}

function refuse(detail: string): DomainError {
  return new DomainError("invalidOutput", undefined, { detail });
}

/** An mbox file (never overwriting one) or a directory of numbered .eml files (new or empty). */
export async function openOutput(format: "mbox" | "eml", target: string): Promise<Output> {
  if (format === "mbox") {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(target, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw refuse(`${target} already exists`);
      throw refuse(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code}`);
    }
    return { write: async (bytes) => void (await handle.write(bytes)), close: () => handle.close() };
  }
  await fs.promises.mkdir(target, { recursive: true });
  const existing = (await fs.promises.readdir(target)).filter((n) => n.toLowerCase().endsWith(".eml"));
  if (existing.length) throw refuse(`${target} already holds .eml files`);
  return {
    write: (bytes, n) =>
      fs.promises.writeFile(path.join(target, `${String(n).padStart(6, "0")}.eml`), bytes, { flag: "wx" }),
    close: async () => {},
  };
}
