import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { messagesAction } from "../../app/mail/[address]/actions";
import { messages, type Account } from "../../db/schema";
import { deleteMessages, moveMessages, restoreMessages } from "../../lib/messages/manage-messages";
import { refusal } from "../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf, signInAs } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Undo for delete and move (issue 16 item 6): what a move or a delete answers is enough to put each
 * message back where it was, from any folder; only someone with Full Access may; the list's form
 * offers it (the action's answer carries it).
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let user: Account;
let shared: Account;
let delegateUser: Account;
let sendAsOnly: Account;

const folderIdOf = async (id: string) =>
  (await t.db.select({ folderId: messages.folderId }).from(messages).where(eq(messages.id, id)))[0]?.folderId;

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) data.append(k, one);
  return data;
};

beforeAll(async () => {
  org = await createOrg(t.db);
  user = await createUser(t.db, org);
  shared = await createShared(t.db, org);
  delegateUser = await createUser(t.db, org);
  sendAsOnly = await createUser(t.db, org);
  await delegate(t.db, shared, delegateUser, { fullAccess: true });
  await delegate(t.db, shared, sendAsOnly, { sendAs: true });
});

describe("undo", () => {
  it("puts deleted messages back into the folders they came from", async () => {
    const inbox = await folderOf(t.db, user, "inbox");
    const archive = await folderOf(t.db, user, "archive");
    const a = await addMessage(t.db, user, { subject: "From the Inbox" });
    const b = await addMessage(t.db, user, { subject: "From the Archive", folder: "archive" });
    const deleted = await deleteMessages(t.db, actorOf(user), { id: user.id }, [a.id, b.id]);
    expect(deleted.undo).toEqual(
      expect.arrayContaining([
        { folderId: inbox.id, ids: [a.id] },
        { folderId: archive.id, ids: [b.id] },
      ]),
    );
    expect(await restoreMessages(t.db, actorOf(user), { id: user.id }, deleted.undo)).toEqual({ count: 2 });
    expect(await folderIdOf(a.id)).toBe(inbox.id);
    expect(await folderIdOf(b.id)).toBe(archive.id);
  });

  it("puts moved messages back; a stranger or Send As alone cannot", async () => {
    const inbox = await folderOf(t.db, shared, "inbox");
    const archive = await folderOf(t.db, shared, "archive");
    const m = await addMessage(t.db, shared, { subject: "Shared" });
    const ref = { address: shared.address };
    const moved = await moveMessages(t.db, actorOf(delegateUser), ref, [m.id], archive.id);
    expect(moved).toEqual({ count: 1, undo: [{ folderId: inbox.id, ids: [m.id] }] });
    for (const who of [user, sendAsOnly]) {
      expect((await refusal(restoreMessages(t.db, actorOf(who), ref, moved.undo))).code).toBe("notFound");
    }
    expect(await folderIdOf(m.id)).toBe(archive.id);
    await restoreMessages(t.db, actorOf(delegateUser), ref, moved.undo);
    expect(await folderIdOf(m.id)).toBe(inbox.id);
  });

  it("the list's action answers a move with what undoes it, and undoes it", async () => {
    const inbox = await folderOf(t.db, user, "inbox");
    const archive = await folderOf(t.db, user, "archive");
    const m = await addMessage(t.db, user, { subject: "Via the form" });
    signInAs(user);
    const moved = await messagesAction(
      null,
      form({ mailbox: user.address, op: "move", target: archive.id, "ids[]": [m.id], folder: "inbox" }),
    );
    expect(moved).toMatchObject({ ok: true, data: { undo: [{ folderId: inbox.id, ids: [m.id] }] } });
    const undo = JSON.stringify((moved!.data as { undo: unknown }).undo);
    expect(await messagesAction(null, form({ mailbox: user.address, op: "undo", undo }))).toMatchObject({
      ok: true,
      message: "done.undo",
      values: { count: 1 },
    });
    expect(await folderIdOf(m.id)).toBe(inbox.id);
    expect(await messagesAction(null, form({ mailbox: user.address, op: "undo", undo: "{not json" }))).toMatchObject({
      ok: false,
      message: "invalid",
    });
  });
});
