import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { delegations, folders, sharedFolderLinks, type Account } from "../../db/schema";
import { addSharedFolder, removeSharedFolder } from "../../lib/shared-folders/shared-folder-links";
import { listAddableMailboxes } from "../../lib/shared-folders/address-book";
import { buildFolderTree, flattenTree } from "../../lib/mailboxes/folder-hierarchy";
import { listPaneMailboxes } from "../../lib/shared-folders/pane-mailboxes";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let user: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  user = await createUser(t.db, org, { name: "Guide Dupont" });
});

const treeAddresses = async (account: Account) =>
  (await listPaneMailboxes(t.db, actorOf(account))).shared.map((m) => m.mailbox.address);

const linkOf = async (account: Account, mailbox: Account) =>
  (
    await t.db
      .select()
      .from(sharedFolderLinks)
      .where(and(eq(sharedFolderLinks.accountId, account.id), eq(sharedFolderLinks.mailboxId, mailbox.id)))
  )[0];

describe("listPaneMailboxes", () => {
  it("shows the own mailbox with its folders and unread counts, then automapped mailboxes", async () => {
    const me = await createUser(t.db, org, { name: "Me" });
    const support = await createShared(t.db, org, { name: "Support" });
    await delegate(t.db, support, me, { fullAccess: true });
    await addMessage(t.db, support, { subject: "one" });
    await addMessage(t.db, support, { subject: "two", seen: true });
    await addMessage(t.db, me, { subject: "mine" });
    const tree = await listPaneMailboxes(t.db, actorOf(me));
    expect(tree.own.mailbox.id).toBe(me.id);
    expect(tree.own.source).toBe("own");
    expect(tree.own.folders.map((f) => f.kind).sort()).toEqual([
      "archive",
      "deleted",
      "drafts",
      "inbox",
      "junk",
      "sent",
    ]);
    expect(tree.own.folders.find((f) => f.kind === "inbox")!.unreadCount).toBe(1);
    expect(tree.shared).toHaveLength(1);
    expect(tree.shared[0]!.mailbox.address).toBe(support.address);
    expect(tree.shared[0]!.source).toBe("automap");
    const inbox = tree.shared[0]!.folders.find((f) => f.kind === "inbox")!;
    expect([inbox.totalCount, inbox.unreadCount]).toEqual([2, 1]);
  });

  it("nests user folders under their parent", async () => {
    const me = await createUser(t.db, org);
    const [parent] = await t.db
      .insert(folders)
      .values({ orgId: org.id, accountId: me.id, kind: "user", name: "Projects" })
      .returning();
    await t.db.insert(folders).values([
      { orgId: org.id, accountId: me.id, kind: "user", name: "Alpha", parentId: parent!.id },
      { orgId: org.id, accountId: me.id, kind: "user", name: "Clients" },
    ]);
    const { own } = await listPaneMailboxes(t.db, actorOf(me));
    const shown = flattenTree(buildFolderTree(own.folders)).slice(6);
    expect(shown.map(({ folder, depth }) => [folder.name, depth])).toEqual([
      ["Clients", 0],
      ["Projects", 0],
      ["Alpha", 1],
    ]);
  });

  it("needs Full Access: Send As or Send on Behalf alone never put a mailbox in the tree", async () => {
    const me = await createUser(t.db, org);
    const a = await createShared(t.db, org);
    const b = await createShared(t.db, org);
    await delegate(t.db, a, me, { sendAs: true });
    await delegate(t.db, b, me, { sendOnBehalf: true });
    expect(await treeAddresses(me)).toEqual([]);
    // and a manual link without the right shows nothing either
    await t.db.insert(sharedFolderLinks).values({ orgId: org.id, accountId: me.id, mailboxId: a.id, source: "manual" });
    expect(await treeAddresses(me)).toEqual([]);
  });

  it("does not automap when automap is off, until the user adds it", async () => {
    const me = await createUser(t.db, org);
    const box = await createShared(t.db, org, { name: "No Automap" });
    await delegate(t.db, box, me, { fullAccess: true, automap: false });
    expect(await treeAddresses(me)).toEqual([]);
    const added = await addSharedFolder(t.db, actorOf(me), { query: box.address });
    expect(added.address).toBe(box.address);
    const tree = await listPaneMailboxes(t.db, actorOf(me));
    expect(tree.shared.map((m) => [m.mailbox.address, m.source])).toEqual([[box.address, "manual"]]);
  });

  it("drops a mailbox at once when Full Access is revoked, and leaves no visible orphan", async () => {
    const me = await createUser(t.db, org);
    const box = await createShared(t.db, org);
    const row = await delegate(t.db, box, me, { fullAccess: true, sendAs: true, automap: false });
    await addSharedFolder(t.db, actorOf(me), { query: box.address });
    expect(await treeAddresses(me)).toEqual([box.address]);
    await t.db.update(delegations).set({ fullAccess: false }).where(eq(delegations.id, row.id));
    expect(await treeAddresses(me)).toEqual([]);
    await t.db.delete(delegations).where(eq(delegations.id, row.id));
    expect(await treeAddresses(me)).toEqual([]);
  });

  it("lists several delegated mailboxes by name with one folder query", async () => {
    const me = await createUser(t.db, org);
    const boxes = await Promise.all(["Zeta", "Alpha", "Mu"].map((name) => createShared(t.db, org, { name })));
    for (const box of boxes) await delegate(t.db, box, me, { fullAccess: true });
    const tree = await listPaneMailboxes(t.db, actorOf(me));
    expect(tree.shared.map((m) => m.mailbox.displayName)).toEqual(["Alpha", "Mu", "Zeta"]);
    for (const m of tree.shared) expect(m.folders).toHaveLength(6);
  });

  it("never shows another organisation's mailbox, even with a forged delegation row", async () => {
    const other = await createOrg(t.db);
    const foreign = await createShared(t.db, other);
    const me = await createUser(t.db, org);
    await t.db
      .insert(delegations)
      .values({ orgId: other.id, mailboxId: foreign.id, delegateId: me.id, fullAccess: true });
    expect(await treeAddresses(me)).toEqual([]);
  });
});

describe("Add shared folder and Remove shared folder", () => {
  it("removes an automapped mailbox for good, until the user adds it again", async () => {
    const me = await createUser(t.db, org);
    const box = await createShared(t.db, org, { name: "Automapped" });
    await delegate(t.db, box, me, { fullAccess: true });
    expect(await treeAddresses(me)).toEqual([box.address]);

    await removeSharedFolder(t.db, actorOf(me), { mailboxId: box.id });
    expect(await treeAddresses(me)).toEqual([]);
    expect(await linkOf(me, box)).toMatchObject({ removed: true, source: "automap" });
    // the delegation is untouched
    const [grant] = await t.db.select().from(delegations).where(eq(delegations.mailboxId, box.id));
    expect(grant).toMatchObject({ fullAccess: true, automap: true });

    await addSharedFolder(t.db, actorOf(me), { query: "Automapped" });
    expect(await treeAddresses(me)).toEqual([box.address]);
    expect(await linkOf(me, box)).toMatchObject({ removed: false });
  });

  it("deletes the link of a manually added mailbox on removal", async () => {
    const me = await createUser(t.db, org);
    const box = await createShared(t.db, org);
    await delegate(t.db, box, me, { fullAccess: true, automap: false });
    await addSharedFolder(t.db, actorOf(me), { query: box.address });
    await removeSharedFolder(t.db, actorOf(me), { mailboxId: box.id });
    expect(await linkOf(me, box)).toBeUndefined();
    expect(await treeAddresses(me)).toEqual([]);
  });

  it("finds a mailbox by display name, local part or address, case-insensitively", async () => {
    const me = await createUser(t.db, org);
    const box = await createShared(t.db, org, { local: `facturation-${me.id.slice(0, 6)}`, name: "Facturation Nord" });
    await delegate(t.db, box, me, { fullAccess: true, automap: false });
    for (const query of [
      "facturation nord",
      box.address.split("@")[0]!.toUpperCase(),
      box.address.toUpperCase(),
      "nord",
    ]) {
      await removeSharedFolder(t.db, actorOf(me), { mailboxId: box.id }).catch(() => undefined);
      expect((await addSharedFolder(t.db, actorOf(me), { query })).id).toBe(box.id);
    }
  });

  it("asks for the address when a name matches several mailboxes the user may open", async () => {
    const me = await createUser(t.db, org);
    const a = await createShared(t.db, org, { name: "Sales East" });
    const b = await createShared(t.db, org, { name: "Sales West" });
    await delegate(t.db, a, me, { fullAccess: true });
    await delegate(t.db, b, me, { fullAccess: true });
    await expect(addSharedFolder(t.db, actorOf(me), { query: "sales" })).rejects.toMatchObject({ code: "ambiguous" });
    // an exact name wins over partial matches
    expect((await addSharedFolder(t.db, actorOf(me), { query: "Sales West" })).id).toBe(b.id);
  });

  it("answers the same for an unknown mailbox and one without Full Access", async () => {
    const me = await createUser(t.db, org);
    const sendAsOnly = await createShared(t.db, org, { name: "Send As Only" });
    const onBehalfOnly = await createShared(t.db, org, { name: "On Behalf Only" });
    const notDelegated = await createShared(t.db, org, { name: "Not Delegated" });
    const colleague = await createUser(t.db, org, { name: "Colleague" });
    const foreign = await createShared(t.db, await createOrg(t.db), { name: "Foreign" });
    await delegate(t.db, sendAsOnly, me, { sendAs: true });
    await delegate(t.db, onBehalfOnly, me, { sendOnBehalf: true });
    const answers = [];
    for (const query of [
      `nobody@${org.domain}`,
      "Nobody At All",
      sendAsOnly.address,
      "Send As Only",
      onBehalfOnly.address,
      notDelegated.address,
      "Not Delegated",
      colleague.address,
      foreign.address,
      "Foreign",
    ]) {
      answers.push(
        await addSharedFolder(t.db, actorOf(me), { query }).then(
          () => "added",
          (e: { code: string; fieldErrors?: unknown }) => ({ code: e.code, fieldErrors: e.fieldErrors }),
        ),
      );
    }
    const expected = { code: "notFound", fieldErrors: { mailbox: ["notFound"] } };
    expect(answers).toEqual(answers.map(() => expected));
    expect(await treeAddresses(me)).toEqual([]);
  });

  it("adds a hidden mailbox by its full address only, and never suggests it", async () => {
    const me = await createUser(t.db, org);
    const hidden = await createShared(t.db, org, { name: "Hidden Box", hidden: true });
    const visible = await createShared(t.db, org, { name: "Visible Box" });
    const notMine = await createShared(t.db, org, { name: "Not Mine" });
    await delegate(t.db, hidden, me, { fullAccess: true, automap: false });
    await delegate(t.db, visible, me, { fullAccess: true, automap: false });
    await delegate(t.db, notMine, me, { sendAs: true });
    expect((await listAddableMailboxes(t.db, actorOf(me))).map((m) => m.address)).toEqual([visible.address]);
    await expect(addSharedFolder(t.db, actorOf(me), { query: "Hidden Box" })).rejects.toMatchObject({
      code: "notFound",
    });
    expect((await addSharedFolder(t.db, actorOf(me), { query: hidden.address })).id).toBe(hidden.id);
  });

  it("refuses the user's own mailbox, and removing it", async () => {
    await expect(addSharedFolder(t.db, actorOf(user), { query: user.address })).rejects.toMatchObject({
      code: "ownMailbox",
    });
    await expect(removeSharedFolder(t.db, actorOf(user), { mailboxId: user.id })).rejects.toMatchObject({
      code: "ownMailbox",
    });
  });

  it("refuses to remove a mailbox the user has no Full Access to, like an unknown one", async () => {
    const me = await createUser(t.db, org);
    const box = await createShared(t.db, org);
    await delegate(t.db, box, me, { sendAs: true, sendOnBehalf: true });
    for (const mailboxId of [box.id, "00000000-0000-4000-8000-000000000000"]) {
      await expect(removeSharedFolder(t.db, actorOf(me), { mailboxId })).rejects.toMatchObject({ code: "notFound" });
    }
    expect(await linkOf(me, box)).toBeUndefined();
  });

  it("records adding and removing in the mailbox's trail", async () => {
    const me = await createUser(t.db, org);
    const box = await createShared(t.db, org);
    await delegate(t.db, box, me, { fullAccess: true });
    await removeSharedFolder(t.db, actorOf(me, "s-1"), { mailboxId: box.id });
    await addSharedFolder(t.db, actorOf(me, "s-1"), { query: box.address });
    const { auditEvents } = await import("../../db/schema");
    const events = await t.db
      .select({ action: auditEvents.action, actorAddress: auditEvents.actorAddress, sessionId: auditEvents.sessionId })
      .from(auditEvents)
      .where(eq(auditEvents.mailboxId, box.id))
      .orderBy(auditEvents.at);
    expect(events).toEqual([
      { action: "sharedFolder.remove", actorAddress: me.address, sessionId: "s-1" },
      { action: "sharedFolder.add", actorAddress: me.address, sessionId: "s-1" },
    ]);
  });
});
