import fs from "node:fs";
import path from "node:path";

/**
 * PGlite gives no error when a second process opens a data directory in use, and data is then
 * silently lost. A lock file holding the owner's PID makes the second process refuse instead.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The database directory ${dataDir} is in use by another Mailroom process (PID ${pid}). ` +
        "Stop it first (for example the running server), or use DATABASE_URL.",
    );
    this.name = "DataDirInUseError";
  }
}

const lockFile = (dataDir: string) => path.join(path.resolve(dataDir), "mailroom.lock");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(dataDir: string): void {
  const file = lockFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw error;
  }
  fs.writeFileSync(file, String(process.pid));
  process.once("exit", () => releaseDataDirLock(dataDir));
}

export function releaseDataDirLock(dataDir: string): void {
  const file = lockFile(dataDir);
  try {
    if (Number(fs.readFileSync(file, "utf8").trim()) === process.pid) fs.unlinkSync(file);
  } catch {
    // already gone
  }
}
