import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirInUseError, releaseDataDirLock } from "../../db/data-dir-lock";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("one process per PGlite data directory", () => {
  it("refuses a directory held by another live process, naming it", async () => {
    const dir = tempDir();
    const other = spawn("sleep", ["10"]);
    try {
      fs.writeFileSync(path.join(dir, "mailroom.lock"), String(other.pid));
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`PID ${other.pid}`));
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left by a process that is gone, and releases it", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "mailroom.lock"), "999999");
    acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, "mailroom.lock"), "utf8")).toBe(String(process.pid));
    releaseDataDirLock(dir);
    expect(fs.existsSync(path.join(dir, "mailroom.lock"))).toBe(false);
  });
});
