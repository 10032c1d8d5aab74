import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, messages, type Account } from "../../db/schema";
import { addMessage, createOrg, createShared, createUser, delegate, TEST_PASSWORD } from "../support/factories";
import { startImap, type RunningImap } from "../support/imap";
import { useTestDb } from "../support/test-db";

/** Real IMAP clients from Debian against the listener: mbsync (isync) and curl. */
const exec = promisify(execFile);
const t = useTestDb();
let imap: RunningImap;
let guide: Account;
let support: Account;
let dir: string;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  org = await createOrg(t.db);
  guide = await createUser(t.db, org, { local: "guide" });
  support = await createShared(t.db, org, { local: "support" });
  await delegate(t.db, support, guide, { fullAccess: true });
  await addMessage(t.db, guide, { subject: "For the guide", text: "own mailbox" });
  await addMessage(t.db, support, { subject: "Customer question", text: "shared mailbox" });
  imap = await startImap(t.handle);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-mbsync-"));
});
afterAll(async () => {
  await imap.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function mbsyncConfig(patterns = `INBOX "Shared/${support.address}/INBOX"`, create = "Near"): string {
  fs.mkdirSync(path.join(dir, "mail"), { recursive: true });
  const file = path.join(dir, "mbsyncrc");
  fs.writeFileSync(
    file,
    [
      "IMAPAccount mailroom",
      "Host 127.0.0.1",
      `Port ${imap.port}`,
      `User ${guide.address}`,
      `Pass ${TEST_PASSWORD}`,
      "SSLType None",
      "AuthMechs LOGIN",
      "",
      "IMAPStore remote",
      "Account mailroom",
      "",
      "MaildirStore local",
      `Path ${dir}/mail/`,
      `Inbox ${dir}/mail/INBOX`,
      "SubFolders Verbatim",
      "",
      "Channel sync",
      "Far :remote:",
      "Near :local:",
      `Patterns ${patterns}`,
      `Create ${create}`,
      "Sync All",
      "SyncState *",
      "",
    ].join("\n"),
  );
  return file;
}

/** A Maildir folder's messages, as paths under it ("new/…" until seen, "cur/…" after). */
const files = (folder: string) =>
  ["new", "cur"].flatMap((sub) => fs.readdirSync(path.join(dir, "mail", folder, sub)).map((f) => `${sub}/${f}`));

describe("mbsync", () => {
  it("pulls the own and the shared mailbox into a Maildir and pushes a flag change back", async () => {
    const config = mbsyncConfig();
    await exec("mbsync", ["-c", config, "-a"]);
    const sharedFolder = `Shared/${support.address}/INBOX`;
    expect(files("INBOX")).toHaveLength(1);
    expect(files(sharedFolder)).toHaveLength(1);
    const content = fs.readFileSync(path.join(dir, "mail", sharedFolder, files(sharedFolder)[0]!), "utf8");
    expect(content).toContain("Customer question");

    // Mark the shared message read and flagged locally (Maildir flags F and S), then sync back.
    const name = files(sharedFolder)[0]!;
    const renamed = `cur/${path.basename(name).replace(/:2,[A-Z]*$/, "")}:2,FS`;
    fs.renameSync(path.join(dir, "mail", sharedFolder, name), path.join(dir, "mail", sharedFolder, renamed));
    await exec("mbsync", ["-c", config, "-a"]);
    const [row] = await t.db.select().from(messages).where(eq(messages.accountId, support.id));
    expect(row).toMatchObject({ seen: true, flagged: true });
  });

  it("creates a new local folder in the shared mailbox and uploads its mail with LITERAL+", async () => {
    const folder = `Shared/${support.address}/Cases`;
    for (const sub of ["cur", "new", "tmp"]) fs.mkdirSync(path.join(dir, "mail", folder, sub), { recursive: true });
    const mail = "From: a@elsewhere.test\r\nSubject: Case 42\r\n\r\nFiled from the desktop.\r\n";
    fs.writeFileSync(path.join(dir, "mail", folder, "new", "1700000000.1.host"), mail);
    const config = mbsyncConfig(`"${folder}"`, "Both");
    // -Dn prints the conversation: the upload is one APPEND with a non-synchronising literal.
    const run = await exec("mbsync", ["-Dn", "-c", config, "-a"]);
    expect(run.stdout).toMatch(/CREATE "Shared\/[^"]+\/Cases"\r?\n\d+ OK/);
    expect(run.stdout).toMatch(/APPEND "Shared\/[^"]+\/Cases" .*\{\d+\+\}/);
    expect(run.stdout).not.toMatch(/^\+ /m);
    const rows = await t.db.select().from(messages).where(eq(messages.accountId, support.id));
    expect(rows.map((r) => r.subject)).toContain("Case 42");
  });
});

describe("curl imap://", () => {
  it("lists the mailboxes and fetches a message by UID", async () => {
    const base = `imap://127.0.0.1:${imap.port}`;
    const auth = ["-u", `${guide.address}:${TEST_PASSWORD}`, "--silent", "--show-error"];
    const list = await exec("curl", [...auth, `${base}/`]);
    expect(list.stdout).toContain("INBOX");
    expect(list.stdout).toContain(`Shared/${support.address}/INBOX`);
    const fetched = await exec("curl", [
      ...auth,
      `${base}/Shared%2F${encodeURIComponent(support.address)}%2FINBOX;UID=1`,
    ]);
    expect(fetched.stdout).toContain("Customer question");
  });
});

describe("curl imap:// in a mailbox with read state per person", () => {
  it("a message one delegate fetched is unseen still for the other", async () => {
    const marc = await createUser(t.db, org, { local: "marc" });
    const desk = await createShared(t.db, org, { local: "desk" });
    await t.db.update(accounts).set({ readPerPerson: true }).where(eq(accounts.id, desk.id));
    for (const person of [guide, marc]) await delegate(t.db, desk, person, { fullAccess: true });
    await addMessage(t.db, desk, { subject: "Where is my parcel", text: "per person" });

    const folder = `imap://127.0.0.1:${imap.port}/Shared%2F${encodeURIComponent(desk.address)}%2FINBOX`;
    const as = (who: Account) => ["-u", `${who.address}:${TEST_PASSWORD}`, "--silent", "--show-error"];
    const unseen = async (who: Account) => (await exec("curl", [...as(who), folder, "-X", "UID SEARCH UNSEEN"])).stdout;
    expect(await unseen(guide)).toMatch(/\* SEARCH 1\b/);
    // curl fetches with BODY[] (not PEEK): the message is now read, for the guide alone.
    expect((await exec("curl", [...as(guide), `${folder};UID=1`])).stdout).toContain("Where is my parcel");
    expect(await unseen(guide)).not.toMatch(/\* SEARCH 1\b/);
    expect(await unseen(marc)).toMatch(/\* SEARCH 1\b/);
  });
});
