import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, folders, messageContents, messages, type Account } from "../../db/schema";
import { runExport } from "../../lib/export/run-export";
import { readMbox } from "../../lib/import/mbox";
import { runImport } from "../../lib/import/run-import";
import { DomainError } from "../../lib/errors";
import { createOrg, createShared, createUser } from "../support/factories";
import { sampleMessages, sortBuffers, tempDir, writeEmlDir, writeMaildirMessage, writeMbox } from "../support/corpus";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: { id: string; domain: string };

beforeAll(async () => {
  org = await createOrg(t.db);
});

async function folderByName(account: Account, name: string) {
  const [row] = await t.db
    .select()
    .from(folders)
    .where(and(eq(folders.accountId, account.id), eq(sql`lower(${folders.name})`, name.toLowerCase())));
  return row;
}

async function rawsOf(account: Account, folderId?: string): Promise<Buffer[]> {
  const rows = await t.db
    .select({ raw: messageContents.raw })
    .from(messages)
    .innerJoin(
      messageContents,
      and(eq(messageContents.orgId, messages.orgId), eq(messageContents.id, messages.contentId)),
    )
    .where(and(eq(messages.accountId, account.id), folderId ? eq(messages.folderId, folderId) : undefined));
  return rows.map((r) => r.raw);
}

/** used_bytes must equal the sum of the mailbox's message sizes; folder counters their rows. */
async function expectConsistent(account: Account) {
  const [acc] = await t.db.select({ used: accounts.usedBytes }).from(accounts).where(eq(accounts.id, account.id));
  const [sum] = await t.db
    .select({ bytes: sql<number>`coalesce(sum(${messages.sizeBytes}), 0)`.mapWith(Number) })
    .from(messages)
    .where(eq(messages.accountId, account.id));
  expect(acc!.used).toBe(sum!.bytes);
  const counts = await t.db
    .select({
      total: folders.totalCount,
      unread: folders.unreadCount,
      rows: sql<number>`(select count(*) from messages m where m.org_id = folders.org_id and m.folder_id =
        folders.id)`.mapWith(Number),
      unreadRows:
        sql<number>`(select count(*) from messages m where m.org_id = folders.org_id and m.folder_id = folders.id and
          not m.seen)`.mapWith(Number),
    })
    .from(folders)
    .where(eq(folders.accountId, account.id));
  for (const c of counts) expect([c.total, c.unread]).toEqual([c.rows, c.unreadRows]);
}

describe("import and export", () => {
  it("round-trips a directory of .eml files into a shared mailbox, byte for byte", async () => {
    const shared = await createShared(t.db, org);
    const raws = await sampleMessages(7, { tag: "eml" });
    raws.push(Buffer.from("Subject: no final newline\r\nMessage-ID: <nl@x.test>\r\n\r\nbody without line end"));
    const dir = writeEmlDir(tempDir(), raws);
    const summary = await runImport(t.db, { mailbox: shared.address.toUpperCase(), input: dir });
    expect(summary).toMatchObject({ format: "eml", imported: 8, duplicates: 0, failed: [], quotaStop: null });
    expect(summary.folders).toEqual({ Inbox: 8 });
    expect(sortBuffers(await rawsOf(shared))).toEqual(sortBuffers(raws));

    const out = path.join(tempDir(), "export");
    const exported = await runExport(t.db, { mailbox: shared.address, folder: "inbox", format: "eml", output: out });
    expect(exported.messages).toBe(8);
    const files = fs.readdirSync(out).sort();
    expect(files).toHaveLength(8);
    expect(sortBuffers(files.map((f) => fs.readFileSync(path.join(out, f))))).toEqual(sortBuffers(raws));
    await expectConsistent(shared);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, shared.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["mailbox.export", "mailbox.import"]);
  });

  it("round-trips an mbox with From_ quoting, and keeps each message's Date as received date", async () => {
    const user = await createUser(t.db, org);
    const raws = await sampleMessages(6, { tag: "mbox" });
    const file = writeMbox(path.join(tempDir(), "archive.mbox"), raws);
    const summary = await runImport(t.db, { mailbox: user.address, input: file, folder: "archive" });
    expect(summary).toMatchObject({ format: "mbox", imported: 6, failed: [] });
    const archive = await folderByName(user, "Archive");
    expect(sortBuffers(await rawsOf(user, archive!.id))).toEqual(sortBuffers(raws));
    const dates = await t.db.select({ at: messages.receivedAt }).from(messages).where(eq(messages.accountId, user.id));
    expect(dates.map((d) => d.at.toISOString()).sort()[0]).toBe("2024-03-01T08:00:00.000Z");

    const out = path.join(tempDir(), "out.mbox");
    await runExport(t.db, { mailbox: user.address, folder: "Archive", format: "mbox", output: out });
    const back: Buffer[] = [];
    for await (const m of readMbox(fs.createReadStream(out, { highWaterMark: 100 }))) back.push(m.raw);
    expect(back).toEqual(raws); // oldest first, as imported
    await expect(
      runExport(t.db, { mailbox: user.address, folder: "archive", format: "mbox", output: out }),
    ).rejects.toMatchObject({
      code: "invalidOutput",
    });
  });

  it("maps a Maildir's folders, flags and dates", async () => {
    const shared = await createShared(t.db, org);
    const dir = tempDir("maildir-");
    const [a, b, c, d, e] = await sampleMessages(5, { tag: "md" });
    writeMaildirMessage(dir, "1700000000.M1P1.host", a!, "S");
    writeMaildirMessage(dir, "1700000001.M1P1.host", b!, null);
    writeMaildirMessage(path.join(dir, ".Sent"), "1700000002.M1P1.host", c!, "RS");
    writeMaildirMessage(path.join(dir, ".Projects.2024"), "1700000003.M1P1.host", d!, "F");
    const undated = Buffer.from("From: x@y.test\nSubject: no date\nMessage-ID: <nodate@y.test>\n\nHi\n");
    writeMaildirMessage(path.join(dir, ".Envoy&AOk-s anciens"), "1600000000.M9P9.host", undated, "FS");
    writeMaildirMessage(path.join(dir, ".Projects"), "1700000004.M1P1.host", e!, "");

    const summary = await runImport(t.db, { mailbox: shared.address, input: dir });
    expect(summary).toMatchObject({ format: "maildir", imported: 6, failed: [] });
    expect(summary.folders).toEqual({
      Inbox: 2,
      "Sent Items": 1,
      Projects: 1,
      "Projects/2024": 1,
      "Envoyés anciens": 1,
    });

    const projects = await folderByName(shared, "Projects");
    const y2024 = await folderByName(shared, "2024");
    expect(y2024!.parentId).toBe(projects!.id);
    const rows = await t.db
      .select({
        subject: messages.subject,
        seen: messages.seen,
        flagged: messages.flagged,
        answered: messages.answered,
        at: messages.receivedAt,
      })
      .from(messages)
      .where(eq(messages.accountId, shared.id));
    const bySubject = Object.fromEntries(rows.map((r) => [r.subject, r]));
    expect(bySubject["md 0 — été"]).toMatchObject({ seen: true, flagged: false, answered: false });
    expect(bySubject["md 0 — été"]!.at.toISOString()).toBe("2024-03-01T08:00:00.000Z");
    expect(bySubject["md 1 — été"]).toMatchObject({ seen: false, flagged: false });
    expect(bySubject["md 2 — été"]).toMatchObject({ seen: true, answered: true });
    expect(bySubject["md 3 — été"]).toMatchObject({ seen: false, flagged: true });
    expect(bySubject["no date"]).toMatchObject({ seen: true, flagged: true });
    expect(bySubject["no date"]!.at.toISOString()).toBe(new Date(1600000000 * 1000).toISOString());
    await expectConsistent(shared);

    // A Maildir into a named folder: its subfolders go below that folder.
    const user = await createUser(t.db, org);
    const nested = await runImport(t.db, { mailbox: user.address, input: dir, folder: "Old mail", createFolder: true });
    expect(Object.keys(nested.folders).sort()).toEqual([
      "Old mail",
      "Old mail/Envoyés anciens",
      "Old mail/Projects",
      "Old mail/Projects/2024",
      "Old mail/Sent",
    ]);

    // The whole mailbox exports as one directory per folder.
    const out = tempDir("export-");
    const all = await runExport(t.db, { mailbox: shared.address, format: "eml", output: out });
    expect(all.messages).toBe(6);
    expect(fs.readdirSync(path.join(out, "Projects", "2024"))).toEqual(["000001.eml"]);
    const mboxOut = tempDir("export-");
    await runExport(t.db, { mailbox: shared.address, format: "mbox", output: mboxOut });
    expect(fs.existsSync(path.join(mboxOut, "Projects", "2024.mbox"))).toBe(true);
    expect(fs.readFileSync(path.join(mboxOut, "Sent Items.mbox")).includes(c!)).toBe(true);
  });

  it("skips duplicates on a second run, and a message repeated in the input", async () => {
    const user = await createUser(t.db, org);
    const raws = await sampleMessages(5, { tag: "dup" });
    const file = writeMbox(path.join(tempDir(), "dup.mbox"), [...raws, raws[2]!]);
    const first = await runImport(t.db, { mailbox: user.address, input: file, batchSize: 2 });
    expect(first).toMatchObject({ imported: 5, duplicates: 1 });
    const again = await runImport(t.db, { mailbox: user.address, input: file, batchSize: 4 });
    expect(again).toMatchObject({ imported: 0, duplicates: 6 });
    // Same Message-ID but other content is not a duplicate.
    const changed = Buffer.concat([raws[0]!, Buffer.from("\r\nchanged")]);
    const third = await runImport(t.db, { mailbox: user.address, input: writeEmlDir(tempDir(), [changed]) });
    expect(third).toMatchObject({ imported: 1, duplicates: 0 });
    // The same message in another folder is another copy.
    const other = await runImport(t.db, { mailbox: user.address, input: file, folder: "archive" });
    expect(other).toMatchObject({ imported: 5, duplicates: 1 });
    await expectConsistent(user);
  });

  it("stops at the quota with the mailbox consistent, and resumes after it is raised", async () => {
    const raws = await sampleMessages(12, { tag: "quota" });
    const sizes = raws.map((r) => r.length);
    const quota = sizes.slice(0, 7).reduce((a, b) => a + b, 0) + 10;
    const user = await createUser(t.db, org, { quotaBytes: quota });
    const dir = writeEmlDir(tempDir(), raws);
    const summary = await runImport(t.db, { mailbox: user.address, input: dir, batchSize: 5 });
    expect(summary.imported).toBe(7);
    expect(summary.quotaStop).toMatchObject({ limitBytes: quota, nextBytes: sizes[7], next: "008.eml" });
    await expectConsistent(user);
    await t.db
      .update(accounts)
      .set({ quotaBytes: quota * 3 })
      .where(eq(accounts.id, user.id));
    const rest = await runImport(t.db, { mailbox: user.address, input: dir, batchSize: 5 });
    expect(rest).toMatchObject({ imported: 5, duplicates: 7, quotaStop: null });
    await expectConsistent(user);
  });

  it("reports malformed messages by file name and imports the rest", async () => {
    const user = await createUser(t.db, org);
    const dir = writeEmlDir(tempDir(), await sampleMessages(2, { tag: "ok" }));
    fs.writeFileSync(path.join(dir, "empty.eml"), "");
    fs.writeFileSync(path.join(dir, "notes.eml"), "just some notes\nnothing else\n");
    fs.writeFileSync(path.join(dir, "binary.eml"), Buffer.from([0x58, 0x3a, 0x00, 0x01, 0x0a, 0x0a]));
    fs.writeFileSync(path.join(dir, "readme.txt"), "not an .eml");
    const summary = await runImport(t.db, { mailbox: user.address, input: dir });
    expect(summary.imported).toBe(2);
    expect(summary.failed.map((f) => f.name).sort()).toEqual(["binary.eml", "empty.eml", "notes.eml"]);
    expect(summary.failed.find((f) => f.name === "empty.eml")!.error).toBe("empty file");
    const onlyBroken = tempDir();
    fs.writeFileSync(path.join(onlyBroken, "a.eml"), "");
    fs.writeFileSync(path.join(onlyBroken, "b.eml"), "nothing\n");
    expect(await runImport(t.db, { mailbox: user.address, input: onlyBroken })).toMatchObject({
      imported: 0,
      duplicates: 0,
      failed: [{ name: "a.eml" }, { name: "b.eml" }],
    });
    await expectConsistent(user);
  });

  it("refuses an unknown mailbox or folder, a missing input and a wrong format", async () => {
    const user = await createUser(t.db, org);
    const dir = writeEmlDir(tempDir(), await sampleMessages(1));
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: DomainError) => e.code,
      );
    expect(await code(runImport(t.db, { mailbox: `nobody@${org.domain}`, input: dir }))).toBe("unknownMailbox");
    expect(await code(runImport(t.db, { mailbox: user.address, input: dir, folder: "Nowhere/Else" }))).toBe(
      "unknownFolder",
    );
    expect(await code(runImport(t.db, { mailbox: user.address, input: path.join(dir, "missing") }))).toBe(
      "missingInput",
    );
    expect(await code(runImport(t.db, { mailbox: user.address, input: dir, format: "mbox" }))).toBe("wrongFormat");
    expect(await code(runImport(t.db, { mailbox: user.address, input: dir, format: "maildir" }))).toBe("wrongFormat");
    expect(await code(runImport(t.db, { mailbox: user.address, input: path.join(dir, "001.eml") }))).toBe(
      "wrongFormat",
    );
    expect(await code(runImport(t.db, { mailbox: user.address, input: tempDir() }))).toBe("wrongFormat");
    expect(
      await code(runExport(t.db, { mailbox: user.address, folder: "nope", format: "eml", output: tempDir() })),
    ).toBe("unknownFolder");
    const [row] = await t.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(messages)
      .where(eq(messages.accountId, user.id));
    expect(row!.n).toBe(0);
  });
});
