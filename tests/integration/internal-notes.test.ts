import { and, eq } from "drizzle-orm";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addNoteAction, deleteNoteAction } from "../../app/mail/[address]/note-actions";
import { messageContents, messageNotes, messages, type Account } from "../../db/schema";
import { listMailboxTrail } from "../../lib/audit/mailbox-trail";
import { runExport } from "../../lib/export/run-export";
import { addNote, deleteNote, listNotes } from "../../lib/notes/notes";
import { mentionsIn } from "../../lib/notes/mentions";
import { refusal } from "../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf, signInAs } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Internal notes (issue 18 item 4): Full Access delegates of a shared mailbox write them, see them
 * on the whole conversation, mention each other (a notice in the mentioned delegate's own Inbox);
 * nobody else reads or writes them, and they never leave the mailbox (not in its messages, export).
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let support: Account;
let first: { id: string };
let reply: { id: string };
const who: Record<string, Account> = {};

const refused = async (call: Promise<unknown>, code: string) => expect((await refusal(call)).code).toBe(code);

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

async function inboxSubjects(account: Account): Promise<string[]> {
  const inbox = await folderOf(t.db, account, "inbox");
  const rows = await t.db
    .select({ subject: messages.subject })
    .from(messages)
    .where(and(eq(messages.orgId, account.orgId), eq(messages.folderId, inbox.id)));
  return rows.map((r) => r.subject);
}

beforeAll(async () => {
  org = await createOrg(t.db);
  support = await createShared(t.db, org, { name: "Support" });
  first = await addMessage(t.db, support, { subject: "Order 1042 never arrived" });
  reply = await addMessage(t.db, support, { subject: "RE: Order 1042 never arrived" });
  for (const name of ["claire", "marc", "lea"]) {
    who[name] = await createUser(t.db, org, { name: name[0]!.toUpperCase() + name.slice(1), local: name });
    await delegate(t.db, support, who[name]!, { fullAccess: true });
  }
  for (const right of ["sendAs", "sendOnBehalf"] as const) {
    who[right] = await createUser(t.db, org);
    await delegate(t.db, support, who[right]!, { [right]: true });
  }
  who.stranger = await createUser(t.db, org);
  who.admin = await createUser(t.db, org, { role: "admin" });
  who.foreigner = await createUser(t.db, await createOrg(t.db));
});

describe("internal notes", () => {
  it("a Full Access delegate's note shows to every Full Access delegate, on the whole conversation", async () => {
    const added = await addNote(t.db, actorOf(who.claire!), {
      address: support.address,
      messageId: first.id,
      body: "Called the carrier, parcel lost. Refund?",
    });
    expect(added.mentioned).toEqual([]);
    for (const name of ["claire", "marc", "lea"]) {
      const onReply = await listNotes(t.db, actorOf(who[name]!), support.address, reply.id);
      expect(onReply.map((n) => [n.body, n.authorName, n.own])).toEqual([
        ["Called the carrier, parcel lost. Refund?", "Claire", name === "claire"],
      ]);
    }
  });

  it("nobody else reads or writes them: Send As, Send on Behalf, strangers, admin, other organisation", async () => {
    for (const name of ["sendAs", "sendOnBehalf", "stranger", "admin", "foreigner"]) {
      const actor = actorOf(who[name]!);
      await refused(listNotes(t.db, actor, support.address, first.id), "notFound");
      await refused(
        addNote(t.db, actor, { address: support.address, messageId: first.id, body: "sneaky" }),
        "notFound",
      );
    }
    expect(await t.db.select().from(messageNotes).where(eq(messageNotes.body, "sneaky"))).toEqual([]);
  });

  it("a message of another mailbox, or a user's own mailbox, takes no note", async () => {
    const own = await addMessage(t.db, who.claire!, { subject: "Mine" });
    await refused(
      addNote(t.db, actorOf(who.claire!), { address: support.address, messageId: own.id, body: "x" }),
      "notFound",
    );
    await refused(
      addNote(t.db, actorOf(who.claire!), { address: who.claire!.address, messageId: own.id, body: "x" }),
      "notesSharedOnly",
    );
    expect(await listNotes(t.db, actorOf(who.claire!), who.claire!.address, own.id)).toEqual([]);
  });

  it("a mention notifies the mentioned delegate in their own Inbox; of a non-delegate, nobody", async () => {
    const before = { lea: await inboxSubjects(who.lea!), stranger: await inboxSubjects(who.stranger!) };
    const added = await addNote(t.db, actorOf(who.marc!), {
      address: support.address,
      messageId: reply.id,
      body: `@lea can you refund? cc @${who.stranger!.address} and @${who.sendAs!.address.split("@")[0]}`,
      origin: "https://mail.example.test",
    });
    expect(added.mentioned).toEqual([who.lea!.address]);
    const lea = await inboxSubjects(who.lea!);
    expect(lea.length).toBe(before.lea.length + 1);
    expect(lea).toContain("Mention : RE: Order 1042 never arrived / Mentioned: RE: Order 1042 never arrived");
    expect(await inboxSubjects(who.stranger!)).toEqual(before.stranger);
    expect(await inboxSubjects(who.sendAs!)).toEqual([]);
    const trail = await listMailboxTrail(t.db, actorOf(who.claire!), { id: support.id }, null);
    expect(trail.events.filter((e) => e.action === "note.add").length).toBe(2);
  });

  it("never part of a message: not in the mailbox's stored mail nor its export", async () => {
    await addNote(t.db, actorOf(who.lea!), {
      address: support.address,
      messageId: first.id,
      body: "SECRET-NOTE-7731 refund approved",
    });
    const raws = await t.db
      .select({ raw: messageContents.raw })
      .from(messageContents)
      .where(eq(messageContents.orgId, org.id));
    for (const { raw } of raws) expect(Buffer.from(raw).toString("latin1")).not.toContain("SECRET-NOTE-7731");
    const dir = await mkdtemp(path.join(tmpdir(), "notes-export-"));
    const summary = await runExport(t.db, { mailbox: support.address, format: "mbox", output: dir });
    expect(summary.messages).toBeGreaterThanOrEqual(2);
    const files = await readdir(dir, { recursive: true, withFileTypes: true });
    const written = files.filter((f) => f.isFile());
    expect(written.length).toBeGreaterThan(0);
    for (const f of written) {
      expect(await readFile(path.join(f.parentPath, f.name), "latin1")).not.toContain("SECRET-NOTE-7731");
    }
  });

  it("an author deletes their own note; another's is not found; the actions answer in words", async () => {
    const [mine] = (await listNotes(t.db, actorOf(who.claire!), support.address, first.id)).filter((n) => n.own);
    await refused(deleteNote(t.db, actorOf(who.marc!), support.address, mine!.id), "notFound");
    signInAs(who.claire!);
    expect(await deleteNoteAction(null, form({ mailbox: support.address, noteId: mine!.id }))).toMatchObject({
      ok: true,
    });
    const left = await listNotes(t.db, actorOf(who.claire!), support.address, first.id);
    expect(left.some((n) => n.id === mine!.id)).toBe(false);
    expect(
      await addNoteAction(null, form({ mailbox: support.address, messageId: first.id, body: "  " })),
    ).toMatchObject({ ok: false, fieldErrors: { body: ["noteEmpty"] } });
    expect(
      await addNoteAction(null, form({ mailbox: support.address, messageId: first.id, body: "x".repeat(4001) })),
    ).toMatchObject({ ok: false, fieldErrors: { body: ["noteTooLong"] } });
    signInAs(who.sendAs!);
    expect(
      await addNoteAction(null, form({ mailbox: support.address, messageId: first.id, body: "hi" })),
    ).toMatchObject({ ok: false, message: "notFound" });
  });

  it("reads mentions as people write them", () => {
    expect(mentionsIn("@Lea, and (@marc@example.org). Not mail@example.org or a@.")).toEqual([
      "lea",
      "marc@example.org",
    ]);
  });
});
