import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { delegations, folderCollapsed, paneCollapsed, type Account } from "../../db/schema";
import { createFolder, deleteFolder } from "../../lib/mailboxes/manage-folders";
import { setFolderCollapsed, setPaneCollapsed } from "../../lib/shared-folders/pane-collapse";
import { listPaneMailboxes } from "../../lib/shared-folders/pane-mailboxes";
import { refusal } from "../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Collapsed mailboxes in the folder pane: each person's own choice, for their own mailbox and the
 * mailboxes they may open; nobody can collapse (or learn of) a mailbox they may not open (R12).
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let support: Account;
let claire: Account;
let marc: Account;
let sendAs: Account;
let onBehalf: Account;
let stranger: Account;

const pane = async (account: Account) => {
  const tree = await listPaneMailboxes(t.db, actorOf(account));
  return {
    own: tree.own.collapsed,
    shared: Object.fromEntries(tree.shared.map((m) => [m.mailbox.address, m.collapsed])),
    folders: (tree.shared.find((m) => m.mailbox.id === support.id)?.folders ?? []).map((f) => [f.kind, f.unreadCount]),
  };
};

/**
 * Send As alone, on Behalf alone, a stranger (on the shared mailbox's `shared` id), Claire on Marc's
 * `others` id, and an id that names nothing: each notFound, and `table` unchanged.
 */
async function expectNotFound(
  table: typeof paneCollapsed | typeof folderCollapsed,
  shared: string,
  others: string,
  set: (who: Account, id: string) => Promise<void>,
) {
  const before = await t.db.select().from(table);
  for (const [who, id] of [
    [sendAs, shared],
    [onBehalf, shared],
    [stranger, shared],
    [claire, others],
    [claire, "00000000-0000-4000-8000-000000000000"],
  ] as const) {
    expect(await refusal(set(who, id))).toMatchObject({ code: "notFound" });
  }
  expect(await t.db.select().from(table)).toEqual(before);
}

beforeAll(async () => {
  org = await createOrg(t.db);
  support = await createShared(t.db, org, { local: "support" });
  claire = await createUser(t.db, org, { name: "Claire" });
  marc = await createUser(t.db, org, { name: "Marc" });
  sendAs = await createUser(t.db, org, { name: "Sam" });
  onBehalf = await createUser(t.db, org, { name: "Olga" });
  stranger = await createUser(t.db, await createOrg(t.db));
  await delegate(t.db, support, claire, { fullAccess: true });
  await delegate(t.db, support, marc, { fullAccess: true });
  await delegate(t.db, support, sendAs, { sendAs: true });
  await delegate(t.db, support, onBehalf, { sendOnBehalf: true });
  await addMessage(t.db, support, { subject: "New customer", seen: false });
  await addMessage(t.db, support, { folder: "archive", subject: "Filed", seen: false });
});

describe("collapsed mailboxes in the folder pane", () => {
  it("a Full Access delegate collapses a shared mailbox for themself alone, and expands it again", async () => {
    await setPaneCollapsed(t.db, actorOf(claire), { mailboxId: support.id, collapsed: true });
    await setPaneCollapsed(t.db, actorOf(claire), { mailboxId: support.id, collapsed: true });
    expect(await pane(claire)).toMatchObject({ own: false, shared: { [support.address]: true } });
    expect(await pane(marc)).toMatchObject({ shared: { [support.address]: false } });
    // Collapsed, its Inbox alone is read, for the unread count beside its name; expanded, every folder.
    expect((await pane(claire)).folders).toEqual([["inbox", 1]]);
    expect((await pane(marc)).folders).toEqual(
      expect.arrayContaining([
        ["inbox", 1],
        ["archive", 1],
        ["sent", 0],
      ]),
    );
    await setPaneCollapsed(t.db, actorOf(claire), { mailboxId: support.id, collapsed: false });
    expect(await pane(claire)).toMatchObject({ shared: { [support.address]: false } });
    expect((await pane(claire)).folders).toHaveLength((await pane(marc)).folders.length);
  });

  it("one's own mailbox too", async () => {
    await setPaneCollapsed(t.db, actorOf(marc), { mailboxId: marc.id, collapsed: true });
    expect(await pane(marc)).toMatchObject({ own: true, shared: { [support.address]: false } });
    expect(await pane(claire)).toMatchObject({ own: false });
  });

  it("Send As alone, on Behalf alone, a stranger, another's mailbox, none: not found, nothing kept", async () => {
    await expectNotFound(paneCollapsed, support.id, marc.id, (who, mailboxId) =>
      setPaneCollapsed(t.db, actorOf(who), { mailboxId, collapsed: true }),
    );
  });

  it("a folder's subfolders: collapsed for the person alone, in their own mailbox and a shared one", async () => {
    const inbox = await folderOf(t.db, support, "inbox");
    const { folderId: clients } = await createFolder(
      t.db,
      actorOf(claire),
      { id: support.id },
      {
        name: "Clients",
        parentId: inbox.id,
      },
    );
    const own = await folderOf(t.db, marc, "inbox");
    await setFolderCollapsed(t.db, actorOf(claire), { folderId: inbox.id, collapsed: true });
    await setFolderCollapsed(t.db, actorOf(claire), { folderId: inbox.id, collapsed: true });
    await setFolderCollapsed(t.db, actorOf(marc), { folderId: own.id, collapsed: true });
    const collapsedFor = async (who: Account) => [...(await listPaneMailboxes(t.db, actorOf(who))).collapsedFolders];
    expect(await collapsedFor(claire)).toEqual([inbox.id]);
    expect(await collapsedFor(marc)).toEqual([own.id]);
    await setFolderCollapsed(t.db, actorOf(claire), { folderId: inbox.id, collapsed: false });
    expect(await collapsedFor(claire)).toEqual([]);
    // A collapsed folder deleted takes the choice with it.
    await setFolderCollapsed(t.db, actorOf(claire), { folderId: clients, collapsed: true });
    expect(await collapsedFor(claire)).toEqual([clients]);
    await deleteFolder(t.db, actorOf(claire), { id: support.id }, { folderId: clients });
    expect(await collapsedFor(claire)).toEqual([]);
  });

  it("another's folder, by Send As, on Behalf, a stranger or no such folder: not found, nothing kept", async () => {
    const inbox = await folderOf(t.db, support, "inbox");
    const marcInbox = await folderOf(t.db, marc, "inbox");
    await expectNotFound(folderCollapsed, inbox.id, marcInbox.id, (who, folderId) =>
      setFolderCollapsed(t.db, actorOf(who), { folderId, collapsed: true }),
    );
  });

  it("a delegate who loses Full Access loses their choices about the mailbox; their own and others' stay", async () => {
    const box = await createShared(t.db, org, { local: "pane-lost" });
    for (const person of [claire, marc]) await delegate(t.db, box, person, { fullAccess: true });
    const archive = await folderOf(t.db, box, "archive");
    const ownInbox = await folderOf(t.db, claire, "inbox");
    const choose = async (who: Account) => {
      await setPaneCollapsed(t.db, actorOf(who), { mailboxId: box.id, collapsed: true });
      await setFolderCollapsed(t.db, actorOf(who), { folderId: archive.id, collapsed: true });
    };
    for (const person of [claire, marc]) await choose(person);
    await setFolderCollapsed(t.db, actorOf(claire), { folderId: ownInbox.id, collapsed: true });
    const kept = async (who: Account) => {
      const tree = await listPaneMailboxes(t.db, actorOf(who));
      const mailbox = tree.shared.find((m) => m.mailbox.id === box.id);
      return { mailbox: mailbox?.collapsed ?? null, folders: [...tree.collapsedFolders].sort() };
    };
    const onlyFor = (who: Account) => and(eq(delegations.mailboxId, box.id), eq(delegations.delegateId, who.id));

    // Full Access cut down (Send As kept): Claire's choices about the mailbox go, her own folder's stays.
    await t.db.update(delegations).set({ fullAccess: false, sendAs: true }).where(onlyFor(claire));
    expect(await kept(claire)).toEqual({ mailbox: null, folders: [ownInbox.id] });
    expect(await kept(marc)).toMatchObject({ mailbox: true, folders: expect.arrayContaining([archive.id]) });
    // Given again, the mailbox comes back expanded, as it would for anyone.
    await t.db.update(delegations).set({ fullAccess: true }).where(onlyFor(claire));
    expect(await kept(claire)).toEqual({ mailbox: false, folders: [ownInbox.id] });
    // The delegation revoked: Marc's rows about the mailbox go (the pane would no longer show it).
    const marcs = async () => ({
      mailboxes: (await t.db.select().from(paneCollapsed).where(eq(paneCollapsed.accountId, marc.id))).map(
        (r) => r.mailboxId,
      ),
      folders: (await t.db.select().from(folderCollapsed).where(eq(folderCollapsed.accountId, marc.id))).map(
        (r) => r.folderId,
      ),
    });
    const before = await marcs();
    await t.db.delete(delegations).where(onlyFor(marc));
    expect(await marcs()).toEqual({
      mailboxes: before.mailboxes.filter((id) => id !== box.id),
      folders: before.folders.filter((id) => id !== archive.id),
    });
    expect(before.mailboxes).toContain(box.id);
  });
});
