import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emptyDeletedItemsAction } from "../../app/admin/shared/actions";
import { accounts, messages, type Account } from "../../db/schema";
import { listMailboxTrail } from "../../lib/audit/mailbox-trail";
import { emptySharedDeletedItems, deletedItemsCount } from "../../lib/admin/shared/empty-deleted-items";
import {
  copyMessages as copyImap,
  expungeDeleted,
  moveMessages as moveImap,
  storeFlags,
} from "../../lib/imap-store/messages";
import { createFolder, deleteFolder } from "../../lib/mailboxes/manage-folders";
import { deleteMessages, emptyFolder } from "../../lib/messages/manage-messages";
import { refusal } from "../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf, signInAs } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Delete protection (issue 18 item 5): in a protected shared mailbox its delegates' deletes go to
 * Deleted Items and stop there — through the webmail and IMAP; the admin empties Deleted Items; the
 * audit trail says who deleted what.
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let admin: Account;
let claire: Account;
let guarded: Account;
let open: Account;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

async function folderIdOf(id: string) {
  const [row] = await t.db.select({ folderId: messages.folderId }).from(messages).where(eq(messages.id, id));
  return row?.folderId ?? null;
}

beforeAll(async () => {
  org = await createOrg(t.db);
  admin = await createUser(t.db, org, { role: "admin" });
  claire = await createUser(t.db, org, { name: "Claire" });
  guarded = await createShared(t.db, org, { local: "guarded" });
  open = await createShared(t.db, org, { local: "open" });
  await t.db.update(accounts).set({ deleteProtection: true }).where(eq(accounts.id, guarded.id));
  for (const box of [guarded, open]) await delegate(t.db, box, claire, { fullAccess: true });
});

describe("delete protection", () => {
  it("a delegate's delete goes to Deleted Items; deleting it there is refused and changes nothing", async () => {
    const msg = await addMessage(t.db, guarded, { subject: "Invoice 77" });
    const deleted = await folderOf(t.db, guarded, "deleted");
    const ref = { address: guarded.address };
    expect(await deleteMessages(t.db, actorOf(claire), ref, [msg.id])).toMatchObject({ moved: 1, purged: 0 });
    expect(await folderIdOf(msg.id)).toBe(deleted.id);
    expect((await refusal(deleteMessages(t.db, actorOf(claire), ref, [msg.id]))).code).toBe("deleteProtected");
    expect((await refusal(emptyFolder(t.db, actorOf(claire), ref, deleted.id))).code).toBe("deleteProtected");
    expect(await folderIdOf(msg.id)).toBe(deleted.id);

    const inside = await createFolder(t.db, actorOf(claire), ref, { name: "Old", parentId: deleted.id });
    await t.db.update(messages).set({ folderId: inside.folderId }).where(eq(messages.id, msg.id));
    const answer = await refusal(deleteFolder(t.db, actorOf(claire), ref, { folderId: inside.folderId }));
    expect(answer.code).toBe("deleteProtected");
    expect(await folderIdOf(msg.id)).toBe(inside.folderId);
  });

  it("who deleted what is in the mailbox's trail", async () => {
    const trail = await listMailboxTrail(t.db, actorOf(claire), { id: guarded.id }, null);
    const deletes = trail.events.filter((e) => e.action === "mail.delete");
    expect(deletes.map((e) => [e.actorAddress, e.details])).toContainEqual([
      claire.address,
      expect.objectContaining({ moved: 1, purged: 0, subjects: ["Invoice 77"] }),
    ]);
  });

  it("over IMAP, EXPUNGE moves \\Deleted messages to Deleted Items; in Deleted Items it is refused", async () => {
    const msg = await addMessage(t.db, guarded, { subject: "Expunged" });
    const deleted = await folderOf(t.db, guarded, "deleted");
    const inboxPath = `Shared/${guarded.address}/INBOX`;
    const [row] = await t.db.select({ uid: messages.uid }).from(messages).where(eq(messages.id, msg.id));
    await storeFlags(t.db, actorOf(claire), inboxPath, [row!.uid], "add", ["\\Deleted"]);
    expect(await expungeDeleted(t.db, actorOf(claire), inboxPath)).toEqual([row!.uid]);
    const [after] = await t.db
      .select({ folderId: messages.folderId, deleted: messages.deleted, uid: messages.uid })
      .from(messages)
      .where(eq(messages.id, msg.id));
    expect(after).toMatchObject({ folderId: deleted.id, deleted: false });

    const trashPath = `Shared/${guarded.address}/Trash`;
    await storeFlags(t.db, actorOf(claire), trashPath, [after!.uid], "add", ["\\Deleted"]);
    expect((await refusal(expungeDeleted(t.db, actorOf(claire), trashPath))).code).toBe("deleteProtected");
    expect(await folderIdOf(msg.id)).toBe(deleted.id);
  });

  it("over IMAP, a MOVE to another mailbox is refused (its mail stays in it); COPY is allowed", async () => {
    const msg = await addMessage(t.db, guarded, { subject: "Kept by MOVE" });
    const [row] = await t.db.select({ uid: messages.uid }).from(messages).where(eq(messages.id, msg.id));
    const inboxPath = `Shared/${guarded.address}/INBOX`;
    const moved = moveImap(t.db, actorOf(claire), inboxPath, [row!.uid], "INBOX");
    expect((await refusal(moved)).code).toBe("moveOutProtected");
    expect(await folderIdOf(msg.id)).toBe((await folderOf(t.db, guarded, "inbox")).id);
    const copied = await copyImap(t.db, actorOf(claire), inboxPath, [row!.uid], "INBOX");
    expect(copied.destinationUid).toHaveLength(1);
    await deleteMessages(t.db, actorOf(claire), { address: guarded.address }, [msg.id]); // emptied below
  });

  it("an unprotected mailbox deletes for good from Deleted Items, as before", async () => {
    const msg = await addMessage(t.db, open, { subject: "Gone" });
    const ref = { address: open.address };
    await deleteMessages(t.db, actorOf(claire), ref, [msg.id]);
    expect(await deleteMessages(t.db, actorOf(claire), ref, [msg.id])).toMatchObject({ moved: 0, purged: 1 });
    expect(await folderIdOf(msg.id)).toBeNull();
  });

  it("the admin empties Deleted Items (quota given back, in the trail); nobody else may", async () => {
    const before = (await t.db.select().from(accounts).where(eq(accounts.id, guarded.id)))[0]!.usedBytes;
    const count = await deletedItemsCount(t.db, actorOf(admin), guarded.id);
    expect(count).toBeGreaterThanOrEqual(2);
    expect((await refusal(emptySharedDeletedItems(t.db, actorOf(claire), guarded.id))).code).toBe("noAccess");
    const foreignAdmin = await createUser(t.db, await createOrg(t.db), { role: "admin" });
    expect((await refusal(emptySharedDeletedItems(t.db, actorOf(foreignAdmin), guarded.id))).code).toBe("notFound");

    signInAs(admin);
    const unconfirmed = await emptyDeletedItemsAction(null, form({ id: guarded.id }));
    expect(unconfirmed).toMatchObject({ ok: false, fieldErrors: { confirm: ["confirmRequired"] } });
    expect(await deletedItemsCount(t.db, actorOf(admin), guarded.id)).toBe(count);
    const done = await emptyDeletedItemsAction(null, form({ id: guarded.id, confirm: "on" }));
    expect(done).toMatchObject({ ok: true, message: "deletedItemsEmptied", values: { count } });
    expect(await deletedItemsCount(t.db, actorOf(admin), guarded.id)).toBe(0);
    const after = (await t.db.select().from(accounts).where(eq(accounts.id, guarded.id)))[0]!.usedBytes;
    expect(after).toBeLessThan(before);
    const left = await t.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.orgId, org.id), eq(messages.accountId, guarded.id)));
    expect(left).toEqual([]);
    const trail = await listMailboxTrail(t.db, actorOf(claire), { id: guarded.id }, null);
    expect(trail.events[0]).toMatchObject({
      action: "mail.delete",
      actorAddress: admin.address,
      details: { purged: count },
    });
  });
});
