import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { fillSharedMailboxForm, sharedRow } from "./support/admin";

/**
 * The production path from an empty database: the command line creates an organisation and its
 * first admin in a fresh embedded database (no demo seed), then the server starts on it and the
 * admin signs in through the login page, finds the imported mail and creates a shared mailbox.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const port = Number(process.env.E2E_PORT || 3210) + 1;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-setup-e2e-"));
const dataDir = path.join(work, "data");
const env = {
  ...process.env,
  MAILROOM_DATA_DIR: dataDir,
  DATABASE_URL: "",
  MAILROOM_DEMO: "",
  NEXT_TELEMETRY_DISABLED: "1",
};
const ADMIN = { address: "direction@cabinet-exemple.test", password: "Direction-2026!", name: "Hélène Direction" };

function mailroom(args: string[], input = "") {
  const run = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "cli/index.ts", ...args],
    {
      cwd: root,
      env,
      input,
      encoding: "utf8",
    },
  );
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

/** A small Maildir: two messages in its top (one read), one flagged in .Projets.2026. */
function writeMaildir(dir: string) {
  const message = (n: number, subject: string) =>
    `From: Claire Martin <claire@fournisseur.test>\r\nTo: ${ADMIN.address}\r\nSubject: ${subject}\r\n` +
    `Date: Mon, ${n} Feb 2026 09:00:00 +0100\r\nMessage-ID: <setup-${n}@fournisseur.test>\r\n` +
    `Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour, message ${n}.\r\n`;
  const put = (folder: string, sub: "cur" | "new", name: string, body: string) => {
    for (const d of ["cur", "new", "tmp"]) fs.mkdirSync(path.join(dir, folder, d), { recursive: true });
    fs.writeFileSync(path.join(dir, folder, sub, name), body);
  };
  put("", "cur", "1770000001.M1P1.old:2,S", message(2, "Devis accepté"));
  put("", "new", "1770000002.M2P1.old", message(3, "Relance facture"));
  put(".Projets.2026", "cur", "1770000003.M3P1.old:2,F", message(4, "Planning 2026"));
  return dir;
}

let server: ChildProcess | undefined;

async function startServer() {
  server = spawn(process.execPath, ["scripts/run.mjs", "start"], {
    cwd: root,
    env: { ...env, PORT: String(port), MAILROOM_SECRET_FILE: path.join(work, "secret") },
    stdio: "inherit",
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start");
}

test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  // The server must not be running while the command line writes the embedded database.
  const org = mailroom(["org", "create", "--name", "Cabinet Exemple", "--domain", "cabinet-exemple.test"]);
  expect(org.code, org.out).toBe(0);
  const admin = mailroom(
    ["admin", "create", "--org", "cabinet-exemple.test", "--address", ADMIN.address, "--name", ADMIN.name],
    `${ADMIN.password}\n`,
  );
  expect(admin.code, admin.out).toBe(0);
  const imported = mailroom(["import", ADMIN.address, writeMaildir(path.join(work, "Maildir"))]);
  expect(imported.code, imported.out).toBe(0);
  const list = mailroom(["mailbox", "list"]);
  expect(list.out).toContain(ADMIN.address);
  expect(list.out).not.toContain("example.org"); // no demo data
  await startServer();
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(work, { recursive: true, force: true });
});

test("the command line refuses the database while the server holds it", () => {
  const run = mailroom(["org", "list"]);
  expect(run.code).toBe(3);
  expect(run.out).toContain("is in use by another Mailroom process");
});

test("the first admin signs in, finds the imported mail and creates a shared mailbox", async ({ page }) => {
  await page.goto(`http://localhost:${port}/login`);
  await page.getByLabel("Email address").fill(ADMIN.address);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/mail/${encodeURIComponent(ADMIN.address)}/inbox`));
  // The imported Maildir: its messages with their flags, its subfolders as folders.
  const list = page.getByRole("list", { name: "Messages" });
  await expect(list.locator('[data-unread="true"]')).toContainText("Relance facture");
  await expect(list.locator('[data-unread="false"]')).toContainText("Devis accepté");
  const folders = page.getByRole("navigation", { name: "Folders" });
  await expect(folders.getByRole("link", { name: /^Projets/ })).toBeVisible();
  await folders.getByRole("link", { name: /^2026/ }).click();
  await expect(page.getByRole("list", { name: "Messages" })).toContainText("Planning 2026");

  await page.goto(`http://localhost:${port}/admin`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shared mailboxes");
  await expect(page.getByTestId("pool-meter-text")).toHaveText("0 GB of 10 GB allocated, 10 GB free");
  await page.getByRole("link", { name: "Add a shared mailbox" }).click();
  await fillSharedMailboxForm(page, { local: "accueil", quota: "2", displayName: "Accueil du cabinet" });
  await expect(page.getByTestId("summary-address")).toHaveText("accueil@cabinet-exemple.test");
  await page.getByTestId("shared-summary").getByRole("button", { name: "Confirm" }).click();
  await expect(sharedRow(page, "accueil@cabinet-exemple.test")).toContainText("Accueil du cabinet");
  await expect(page.getByTestId("pool-meter-text")).toHaveText("2 GB of 10 GB allocated, 8 GB free");
});
