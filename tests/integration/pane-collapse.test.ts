import { beforeAll, describe, expect, it } from "vitest";
import { paneCollapsed, type Account } from "../../db/schema";
import { setPaneCollapsed } from "../../lib/shared-folders/pane-collapse";
import { listPaneMailboxes } from "../../lib/shared-folders/pane-mailboxes";
import { refusal } from "../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Collapsed mailboxes in the folder pane: each person's own choice, for their own mailbox and the
 * mailboxes they may open; nobody can collapse (or learn of) a mailbox they may not open (R12).
 */
const t = useTestDb();
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

beforeAll(async () => {
  const org = await createOrg(t.db);
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
    const before = await t.db.select().from(paneCollapsed);
    for (const [who, mailboxId] of [
      [sendAs, support.id],
      [onBehalf, support.id],
      [stranger, support.id],
      [claire, marc.id],
      [claire, "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      expect(await refusal(setPaneCollapsed(t.db, actorOf(who), { mailboxId, collapsed: true }))).toMatchObject({
        code: "notFound",
      });
    }
    expect(await t.db.select().from(paneCollapsed)).toEqual(before);
  });
});
