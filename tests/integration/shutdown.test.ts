import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("graceful shutdown (SIGTERM)", () => {
  it("stops accepting, finishes the request in flight, closes listeners and the database, exits in time", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-shutdown-"));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "tests/support/shutdown-fixture.ts", dataDir],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MAILROOM_LOG_LEVEL: "info" } },
    );
    let output = "";
    child.stderr.on("data", (d) => (output += d));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        output += d;
        const match = /ready (\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      child.on("exit", () => reject(new Error(output)));
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    expect(fs.existsSync(path.join(dataDir, "mailroom.lock"))).toBe(true);

    const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = Date.now();
    child.kill("SIGTERM");
    while (!output.includes("shutdown: stopping")) await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();

    expect(await inFlight).toBe("finished");
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(output).toContain("listener closed");
    expect(fs.existsSync(path.join(dataDir, "mailroom.lock"))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
