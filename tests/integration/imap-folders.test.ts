import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, messages, type Account } from "../../db/schema";
import { selectFolders } from "../../lib/mailboxes/folders";
import { listTreeMailboxes } from "../../lib/shared-folders/pane-mailboxes";
import { addMessage, createOrg, createShared, createUser, delegate, TEST_PASSWORD } from "../support/factories";
import { imapClient, rawImap, startImap, type RunningImap } from "../support/imap";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/** Folder management over IMAP (CREATE, RENAME, DELETE, SUBSCRIBE) and the shared namespace's containers. */
const t = useTestDb();
let imap: RunningImap;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  imap = await startImap(t.handle);
  org = await createOrg(t.db);
});
afterAll(() => imap.close());

const login = (address: string) => `LOGIN ${address} ${TEST_PASSWORD}`;

/** The mailbox's folders as the webmail sees them: "parent/child" names of user folders. */
async function webmailFolders(account: Account): Promise<string[]> {
  const list = await selectFolders(t.db, account);
  const byId = new Map(list.map((f) => [f.id, f]));
  const path = (id: string): string => {
    const f = byId.get(id)!;
    return f.parentId ? `${path(f.parentId)}/${f.name}` : f.name;
  };
  return list.filter((f) => f.kind === "user").map((f) => path(f.id));
}

describe("CREATE", () => {
  it("makes a folder and any missing level above it, seen by the webmail and LIST", async () => {
    const user = await createUser(t.db, org);
    const client = await imapClient(imap.port, user.address);
    await client.mailboxCreate("Projects/2026/Q1");
    expect(await webmailFolders(user)).toEqual(
      expect.arrayContaining(["Projects", "Projects/2026", "Projects/2026/Q1"]),
    );
    const paths = (await client.list()).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["Projects", "Projects/2026", "Projects/2026/Q1"]));
    await client.mailboxOpen("Projects/2026/Q1");
    // Non-ASCII names travel in modified UTF-7 and are stored as the webmail writes them.
    await client.mailboxCreate("Réunions d’équipe");
    await client.mailboxRename("Réunions d’équipe", "Projects/Réunions");
    expect(await webmailFolders(user)).toContain("Projects/Réunions");
    expect((await client.list()).map((f) => f.path)).toContain("Projects/Réunions");
    await client.logout();
  });

  it("refuses a taken name, a reserved name, a name too long and too deep a folder, creating nothing", async () => {
    const user = await createUser(t.db, org);
    await rawImap(imap.port, [login(user.address), "CREATE Clients"]);
    const deep = Array.from({ length: 10 }, (_, i) => `L${i}`).join("/");
    const replies = await rawImap(imap.port, [
      login(user.address),
      "CREATE Clients",
      "CREATE clients",
      "CREATE Sent",
      "CREATE trash",
      "CREATE Shared",
      `CREATE "Shared/${user.address}"`,
      `CREATE ${"n".repeat(101)}`,
      `CREATE ${deep}`,
    ]);
    expect(replies[1]).toMatch(/A2 NO \[ALREADYEXISTS\] .+/);
    expect(replies[2]).toMatch(/A3 NO \[ALREADYEXISTS\]/);
    expect(replies[3]).toMatch(/A4 NO \[ALREADYEXISTS\]/);
    expect(replies[4]).toMatch(/A5 NO \[CANNOT\] .*reserved/);
    expect(replies[5]).toMatch(/A6 NO \[CANNOT\]/);
    expect(replies[6]).toMatch(/A7 NO \[CANNOT\]/);
    expect(replies[7]).toMatch(/A8 NO \[CANNOT\]/);
    expect(replies[8]).toMatch(/A9 NO \[LIMIT\]/);
    expect(await webmailFolders(user)).toEqual(["Clients"]);
  });
});

describe("RENAME", () => {
  it("renames and moves a user folder with its subfolders and mail; well-known folders stay", async () => {
    const user = await createUser(t.db, org);
    const client = await imapClient(imap.port, user.address);
    await client.mailboxCreate("Old/Child");
    await client.append("Old", "Subject: kept\r\n\r\nkept\r\n");
    await client.mailboxCreate("Archive2");
    await client.mailboxRename("Old", "Archive2/New");
    expect(await webmailFolders(user)).toEqual(
      expect.arrayContaining(["Archive2", "Archive2/New", "Archive2/New/Child"]),
    );
    expect(await webmailFolders(user)).not.toContain("Old");
    const status = await client.status("Archive2/New", { messages: true });
    expect(status).toMatchObject({ messages: 1 });
    await client.logout();

    const [, sent, inbox, taken, away] = await rawImap(imap.port, [
      login(user.address),
      "RENAME Sent Mailing",
      "RENAME INBOX Elsewhere",
      "RENAME Archive2 Archive2/New/Child",
      "RENAME Archive2 Shared/other@example.test/Archive2",
    ]);
    expect(sent).toMatch(/A2 NO \[CANNOT\]/);
    expect(inbox).toMatch(/A3 NO \[CANNOT\]/);
    expect(taken).toMatch(/A4 NO \[ALREADYEXISTS\]/);
    expect(away).toMatch(/A5 NO \[CANNOT\] .*another mailbox/);
  });
});

describe("DELETE", () => {
  it("deletes a user folder, its mail to Trash; refuses well-known folders and folders with subfolders", async () => {
    const user = await createUser(t.db, org);
    const client = await imapClient(imap.port, user.address);
    await client.mailboxCreate("Parent/Child");
    await client.mailboxCreate("Done");
    await client.append("Done", "Subject: finished\r\n\r\nfinished\r\n");
    await client.mailboxDelete("Done");
    expect(await webmailFolders(user)).not.toContain("Done");
    await client.mailboxOpen("Trash");
    const trash = await client.search({ subject: "finished" }, { uid: true });
    expect(trash).toHaveLength(1);
    await client.logout();

    const [, trashReply, parent, inbox, missing] = await rawImap(imap.port, [
      login(user.address),
      "DELETE Trash",
      "DELETE Parent",
      "DELETE INBOX",
      "DELETE Nothing",
    ]);
    expect(trashReply).toMatch(/A2 NO \[CANNOT\]/);
    expect(parent).toMatch(/A3 NO \[CANNOT\] .*subfolders/);
    expect(inbox).toMatch(/A4 NO \[CANNOT\]/);
    expect(missing).toMatch(/A5 NO \[NONEXISTENT\]/);
    expect(await webmailFolders(user)).toEqual(expect.arrayContaining(["Parent", "Parent/Child"]));
  });
});

describe("in a shared mailbox", () => {
  it("Full Access manages its folders, the deletion audited as in the webmail; other rights alone cannot", async () => {
    const shared = await createShared(t.db, org);
    const full = await createUser(t.db, org);
    const sendAs = await createUser(t.db, org);
    const onBehalf = await createUser(t.db, org);
    const stranger = await createUser(t.db, org);
    await delegate(t.db, shared, full, { fullAccess: true });
    await delegate(t.db, shared, sendAs, { sendAs: true });
    await delegate(t.db, shared, onBehalf, { sendOnBehalf: true });
    const base = `Shared/${shared.address}`;

    const client = await imapClient(imap.port, full.address);
    await client.mailboxCreate(`${base}/Cases/Open`);
    await client.mailboxRename(`${base}/Cases/Open`, `${base}/Closed`);
    await client.append(`${base}/Closed`, "Subject: case 1\r\n\r\nclosed\r\n");
    expect(await webmailFolders(shared)).toEqual(expect.arrayContaining(["Cases", "Closed"]));
    await client.mailboxDelete(`${base}/Closed`);
    expect(await webmailFolders(shared)).toEqual(["Cases"]);
    await client.logout();

    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.mailboxId, shared.id), eq(auditEvents.action, "mail.delete")));
    expect(event).toMatchObject({ actorId: full.id, details: { folder: "Closed", count: 1, moved: 1 } });
    const trashed = await t.db
      .select()
      .from(messages)
      .where(and(eq(messages.accountId, shared.id), eq(messages.subject, "case 1")));
    expect(trashed).toHaveLength(1);

    for (const none of [sendAs, onBehalf, stranger]) {
      const [, create, rename, del] = await rawImap(imap.port, [
        login(none.address),
        `CREATE "${base}/Theirs"`,
        `RENAME "${base}/Cases" "${base}/Mine"`,
        `DELETE "${base}/Cases"`,
      ]);
      expect(create).toMatch(/A2 NO \[NONEXISTENT\]/);
      expect(rename).toMatch(/A3 NO \[NONEXISTENT\]/);
      expect(del).toMatch(/A4 NO \[NONEXISTENT\]/);
    }
    expect(await webmailFolders(shared)).toEqual(["Cases"]);
  });

  it("SUBSCRIBE and UNSUBSCRIBE put it in and take it out of the webmail folder tree", async () => {
    const shared = await createShared(t.db, org);
    const user = await createUser(t.db, org);
    await delegate(t.db, shared, user, { fullAccess: true, automap: false });
    const inTree = async () => (await listTreeMailboxes(t.db, actorOf(user))).some((m) => m.mailbox.id === shared.id);
    expect(await inTree()).toBe(false);
    const client = await imapClient(imap.port, user.address);
    await client.mailboxSubscribe(`Shared/${shared.address}/INBOX`);
    expect(await inTree()).toBe(true);
    const subscribed = (await client.list({ statusQuery: {} })).filter((f) => f.subscribed).map((f) => f.path);
    expect(subscribed).toContain(`Shared/${shared.address}/INBOX`);
    await client.mailboxUnsubscribe(`Shared/${shared.address}/INBOX`);
    expect(await inTree()).toBe(false);
    await client.logout();
  });
});

describe("the shared namespace's containers", () => {
  it("are listed \\Noselect \\HasChildren and cannot be selected", async () => {
    const shared = await createShared(t.db, org);
    const user = await createUser(t.db, org);
    await delegate(t.db, shared, user, { fullAccess: true });
    await addMessage(t.db, shared);
    const [, list, root, box, status] = await rawImap(imap.port, [
      login(user.address),
      'LIST "" "*"',
      "SELECT Shared",
      `SELECT "Shared/${shared.address}"`,
      `STATUS "Shared/${shared.address}" (MESSAGES)`,
    ]);
    const flagsOf = (path: string) =>
      list!.split("\r\n").find((l) => l.endsWith(` "${path}"`) || l.endsWith(` ${path}`)) ?? "";
    for (const path of ["Shared", `Shared/${shared.address}`]) {
      expect(flagsOf(path)).toContain("\\Noselect");
      expect(flagsOf(path)).toContain("\\HasChildren");
    }
    expect(flagsOf(`Shared/${shared.address}/INBOX`)).not.toContain("\\Noselect");
    expect(root).toMatch(/A3 NO/);
    expect(box).toMatch(/A4 NO/);
    expect(status).toMatch(/A5 NO/);
  });
});
