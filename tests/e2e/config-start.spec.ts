import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

/** The production server as `next start` runs it, with a configuration that must stop it. */
function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", "3612", "-H", "127.0.0.1"], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

test("a production server without AUTH_SECRET stops at start with a clear message", async () => {
  test.setTimeout(90_000);
  const run = await startServer({ MAILROOM_DATA_DIR: `/tmp/mailroom-config-${Date.now()}` });
  expect(run.code).toBe(78);
  expect(run.output).toContain("AUTH_SECRET is required in production");
});

test("a bad time zone stops it too, naming the variable", async () => {
  test.setTimeout(90_000);
  const run = await startServer({
    AUTH_SECRET: "x".repeat(40),
    MAILROOM_TIME_ZONE: "Europe/Atlantis",
    MAILROOM_DATA_DIR: `/tmp/mailroom-config-${Date.now()}`,
  });
  expect(run.code).toBe(78);
  expect(run.output).toContain("MAILROOM_TIME_ZONE is not a time zone");
});
