import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleMessages, tempDir, writeEmlDir, writeMbox } from "../support/corpus";

/**
 * The command line as an operator runs it (`npm run mailroom -- …`): a child process on its own
 * database — a fresh PGlite directory, or a fresh PostgreSQL database with TEST_DATABASE_URL.
 */
const root = path.resolve(__dirname, "../..");
const dataDir = path.join(tempDir("mailroom-cli-"), "data");
let databaseUrl = "";
let dropDatabase = async () => {};

beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const name = `mailroom_cli_${randomUUID().replaceAll("-", "")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  databaseUrl = target.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
});
afterAll(() => dropDatabase());

type Run = { code: number | null; stdout: string; stderr: string };

function mailroom(args: string[], stdin = ""): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "cli/index.ts", ...args],
      {
        cwd: root,
        env: { ...process.env, MAILROOM_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, NODE_OPTIONS: "" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end(stdin);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the mailroom command line", { timeout: 240_000 }, () => {
  it("has --help on every command", async () => {
    for (const command of [
      [],
      ["org", "create"],
      ["admin", "create"],
      ["user", "create"],
      ["mailbox", "list"],
      ["backup"],
      ["restore"],
      ["import"],
      ["export"],
      ["migrate"],
    ]) {
      const run = await mailroom([...command, "--help"]);
      expect(run.code, command.join(" ")).toBe(0);
      expect(run.stdout).toContain(`Usage: mailroom ${command.join(" ")}`.trimEnd());
    }
    expect((await mailroom(["import", "--help"])).stdout).toContain("Exit codes");
  });

  it("sets up an organisation and its admin, then imports, reports and exports", async () => {
    const created = await mailroom([
      "org",
      "create",
      "--name",
      "Atelier",
      "--domain",
      "atelier.test",
      "--pool-rule",
      "per_user",
      "--pool-size",
      "3GiB",
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain("Organisation created: Atelier (atelier.test)");

    const weak = await mailroom(
      ["admin", "create", "--org", "atelier.test", "--address", "chef@atelier.test", "--name", "Chef"],
      "weak\n",
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr.trim().split("\n")).toEqual(["mailroom: password: the password needs at least 10 characters"]);
    const admin = await mailroom(
      ["admin", "create", "--org", "atelier.test", "--address", "chef@atelier.test", "--name", "Chef"],
      "Atelier-chef-2026\n",
    );
    expect(admin.code, admin.stderr).toBe(0);

    // A user mailbox (not an admin), its password from standard input, as a scripted set-up does.
    const user = await mailroom(
      [
        "user",
        "create",
        "--org",
        "atelier.test",
        "--address",
        "marie@atelier.test",
        "--name",
        "Marie",
        "--quota",
        "1GiB",
      ],
      "Atelier-marie-2026\n",
    );
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toContain("User mailbox created: marie@atelier.test.");
    const taken = await mailroom(
      ["user", "create", "--org", "atelier.test", "--address", "marie@atelier.test", "--name", "Marie"],
      "Atelier-marie-2026\n",
    );
    expect(taken.code).not.toBe(0);

    const orgs = await mailroom(["org", "list"]);
    expect(orgs.stdout).toMatch(/Atelier\s+atelier\.test\s+3 GB per user\s+2\s+1\s+0/);

    const mbox = writeMbox(path.join(tempDir(), "old.mbox"), await sampleMessages(3, { tag: "cli" }));
    const imported = await mailroom([
      "import",
      "chef@atelier.test",
      mbox,
      "--folder",
      "Anciens/2023",
      "--create-folder",
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Imported 3 message(s)");
    expect(imported.stdout).toContain("Anciens/2023: 3");
    const again = await mailroom(["import", "chef@atelier.test", mbox, "--folder", "Anciens/2023"]);
    expect(again.stdout).toContain("skipped 3 already there");

    const dir = writeEmlDir(tempDir(), await sampleMessages(2, { tag: "eml" }));
    fs.writeFileSync(path.join(dir, "broken.eml"), "no header here\n");
    const partial = await mailroom(["import", "chef@atelier.test", dir]);
    expect(partial.code).toBe(5);
    expect(partial.stdout).toContain("failed: broken.eml: not a mail message");

    const list = await mailroom(["mailbox", "list", "--org", "atelier.test"]);
    expect(list.stdout).toMatch(/chef@atelier\.test\s+Chef\s+user\s+admin\s+active/);

    const out = path.join(tempDir(), "anciens.mbox");
    const exported = await mailroom(["export", "chef@atelier.test", out, "--folder", "Anciens/2023"]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(
      fs
        .readFileSync(out)
        .toString("latin1")
        .match(/^From /gm),
    ).toHaveLength(3);
  });

  it("answers bad input with one line and a non-zero exit", async () => {
    const mbox = writeMbox(path.join(tempDir(), "x.mbox"), await sampleMessages(1));
    const cases: [string[], RegExp][] = [
      [["import", "nobody@atelier.test", mbox], /^mailroom: no mailbox nobody@atelier\.test$/],
      [
        ["import", "chef@atelier.test", "/nonexistent/file.mbox"],
        /^mailroom: \/nonexistent\/file\.mbox: no such file or directory$/,
      ],
      [["import", "chef@atelier.test", mbox, "--folder", "Nope"], /^mailroom: no folder "Nope" in chef@atelier\.test/],
      [
        ["import", "chef@atelier.test", mbox, "--format", "maildir"],
        /^mailroom: .* is a file; a Maildir is a directory$/,
      ],
      [
        ["import", "chef@atelier.test", path.join(root, "package.json")],
        /^mailroom: .* is neither a directory .* nor an mbox file$/,
      ],
      [
        ["import", "chef@atelier.test", mbox, "--format", "zip"],
        /option '--format <format>' argument 'zip' is invalid/,
      ],
      [
        ["export", "chef@atelier.test", tempDir(), "--folder", "Nope", "--format", "eml"],
        /^mailroom: no folder "Nope"/,
      ],
      [
        ["org", "create", "--name", "Y", "--domain", "atelier.test"],
        /^mailroom: domain atelier\.test already belongs to an organisation$/,
      ],
      [["org", "create", "--name", "Y", "--domain", "y.test", "--pool-size", "lots"], /^mailroom: not a size: lots/],
      [["frobnicate"], /unknown command 'frobnicate'/],
    ];
    for (const [args, pattern] of cases) {
      const run = await mailroom(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n")[0], args.join(" ")).toMatch(pattern);
    }
  });

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
    "refuses an embedded database that a running server holds",
    async () => {
      // The lock file names a live process: this test runner stands in for the server.
      fs.writeFileSync(path.join(dataDir, "mailroom.lock"), String(process.pid));
      try {
        const run = await mailroom(["org", "list"]);
        expect(run.code).toBe(3);
        expect(run.stderr).toMatch(
          /^mailroom: the database directory .* is in use by another Mailroom process \(PID \d+\): stop it first/,
        );
      } finally {
        fs.rmSync(path.join(dataDir, "mailroom.lock"), { force: true });
      }
    },
  );
});
