import { beforeAll, describe, expect, it } from "vitest";
import { composeAction } from "../../../app/mail/compose/actions";
import type { Account } from "../../../db/schema";
import { discardDraft, saveDraft } from "../../../lib/compose/drafts";
import { loadComposeContext } from "../../../lib/compose/compose-page-data";
import type { QuoteLabels } from "../../../lib/compose/prefill";
import type { ComposeInput } from "../../../lib/compose/recipient-fields";
import { sendMessage } from "../../../lib/compose/send";
import { buildMessage } from "../../../lib/mime/build-message";
import { parseListing } from "../../../lib/mime/parse-listing";
import { storeMessage } from "../../../lib/messages/store-message";
import { chargeQuota } from "../../../lib/quota/charge";
import { createOrg, createShared, createUser, delegate, folderOf } from "../../support/factories";
import { actorOf, signInAs } from "../../support/session";
import { useTestDb } from "../../support/test-db";
import { auditOf, composeForm, copiesIn, folderCounts, parsed, redirectOf, usedBytes } from "./helpers";

const t = useTestDb();
const labels = { formatDate: (d: Date) => d.toISOString() } as QuoteLabels;

let alice: Account;
let bob: Account;
let shared: Account;
let reader: Account; // Full Access on shared
let asOnly: Account; // Send As only
let behalfOnly: Account; // Send on Behalf only
let colleague: Account; // no right
let stranger: Account; // another organisation

beforeAll(async () => {
  const org = await createOrg(t.db);
  const other = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice", name: "Alice" });
  bob = await createUser(t.db, org, { local: "bob", name: "Bob" });
  shared = await createShared(t.db, org, { local: "desk", name: "Help Desk" });
  reader = await createUser(t.db, org, { local: "reader" });
  asOnly = await createUser(t.db, org, { local: "asonly" });
  behalfOnly = await createUser(t.db, org, { local: "behalf" });
  colleague = await createUser(t.db, org, { local: "colleague" });
  stranger = await createUser(t.db, other, { local: "stranger" });
  await delegate(t.db, shared, reader, { fullAccess: true, sendAs: true });
  await delegate(t.db, shared, asOnly, { sendAs: true });
  await delegate(t.db, shared, behalfOnly, { sendOnBehalf: true });
});

const input = (account: Account, fields: Partial<ComposeInput> = {}): ComposeInput => ({
  from: { mode: "as", address: account.address },
  to: bob.address,
  cc: "",
  bcc: "",
  subject: "Autosaved",
  body: "v1",
  attachments: [],
  keep: [],
  ...fields,
});

describe("drafts that behave", () => {
  it("saving again keeps the draft's id and content is replaced: one draft, never two", async () => {
    const used0 = (await usedBytes(t.db, alice)).used;
    const note = new File([Buffer.from("hello")], "note.txt", { type: "text/plain" });
    const first = await saveDraft(t.db, actorOf(alice), input(alice, { attachments: [note] }));
    expect(first.attachments).toEqual([{ index: 0, filename: "note.txt", contentType: "text/plain", size: 5 }]);
    const second = await saveDraft(
      t.db,
      actorOf(alice),
      input(alice, { draftId: first.id, attachFrom: first.id, keep: [0], body: "v2", subject: "Autosaved 2" }),
    );
    const third = await saveDraft(
      t.db,
      actorOf(alice),
      input(alice, { draftId: first.id, attachFrom: first.id, keep: [0], body: "v3", subject: "Autosaved 3" }),
    );
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    const drafts = await copiesIn(t.db, alice, "drafts");
    expect(drafts.map((d) => d.id)).toEqual([first.id]);
    expect(drafts[0]!.subject).toBe("Autosaved 3");
    const mail = await parsed(drafts[0]!.raw);
    expect(mail.text?.trim()).toBe("v3");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["note.txt"]);
    expect(await folderCounts(t.db, alice, "drafts")).toEqual({ total: 1, unread: 0 });
    // quota: exactly the last version's bytes (earlier versions released)
    expect((await usedBytes(t.db, alice)).used - used0).toBe(drafts[0]!.sizeBytes);

    // reopened: recipients, subject, body and attachments come back, with the same id to go on saving
    const context = await loadComposeContext(t.db, actorOf(alice), { draft: first.id }, labels);
    expect(context.initial).toMatchObject({
      mode: "draft",
      draftId: first.id,
      to: bob.address,
      subject: "Autosaved 3",
      body: "v3",
      attachFrom: first.id,
      attachments: [{ index: 0, filename: "note.txt" }],
    });
    await discardDraft(t.db, actorOf(alice), first.id);
  });

  it("sending removes the draft in the send's transaction; a late autosave does not bring it back", async () => {
    const draft = await saveDraft(t.db, actorOf(alice), input(alice, { subject: "Send me" }));
    expect((await copiesIn(t.db, alice, "drafts")).map((d) => d.id)).toEqual([draft.id]);
    await sendMessage(t.db, actorOf(alice), input(alice, { subject: "Send me", draftId: draft.id }));
    expect(await copiesIn(t.db, alice, "drafts")).toEqual([]);
    expect((await copiesIn(t.db, bob, "inbox")).map((m) => m.subject)).toContain("Send me");
    await expect(
      saveDraft(t.db, actorOf(alice), input(alice, { subject: "Send me", draftId: draft.id })),
    ).rejects.toMatchObject({ code: "notFound" });
    expect(await copiesIn(t.db, alice, "drafts")).toEqual([]);
  });

  it("concurrent saves of one draft queue on its row: still one draft with the last content", async () => {
    const draft = await saveDraft(t.db, actorOf(alice), input(alice, { subject: "Race" }));
    await Promise.all(
      ["a", "b", "c"].map((v) =>
        saveDraft(t.db, actorOf(alice), input(alice, { subject: `Race ${v}`, draftId: draft.id })),
      ),
    );
    const drafts = await copiesIn(t.db, alice, "drafts");
    expect(drafts.map((d) => d.id)).toEqual([draft.id]);
    await discardDraft(t.db, actorOf(alice), draft.id);
  });

  it("Discard draft deletes it for good and frees its bytes; with JavaScript off too (the form's button)", async () => {
    const used0 = (await usedBytes(t.db, alice)).used;
    const draft = await saveDraft(t.db, actorOf(alice), input(alice, { subject: "Bin me" }));
    signInAs(alice);
    const url = await redirectOf(() =>
      composeAction(
        null,
        composeForm({ intent: "discard", from: `as:${alice.address}`, draftId: draft.id, subject: "Bin me" }),
      ),
    );
    expect(url).toBe(`/mail/${encodeURIComponent(alice.address)}/drafts`);
    expect(await copiesIn(t.db, alice, "drafts")).toEqual([]);
    expect(await copiesIn(t.db, alice, "deleted")).toEqual([]);
    expect((await usedBytes(t.db, alice)).used).toBe(used0);
  });
});

/** A draft in a mailbox's Drafts, as another door (IMAP APPEND) or an earlier session left it. */
async function storeSharedDraft(mailbox: Account, subject: string): Promise<string> {
  const folder = await folderOf(t.db, mailbox, "drafts");
  const raw = await buildMessage(
    { from: { name: "", address: mailbox.address }, to: [{ name: "", address: bob.address }], subject, text: "x" },
    { keepBcc: true },
  );
  const listing = await parseListing(raw);
  return t.db.transaction(async (tx) => {
    await chargeQuota(tx, mailbox.orgId, mailbox.id, raw.length);
    const stored = await storeMessage(tx, mailbox.orgId, raw, listing, [
      { accountId: mailbox.id, folderId: folder.id, seen: true, isDraft: true },
    ]);
    return stored.messageIds[0]!;
  });
}

describe("a shared mailbox's drafts (Full Access, checked in lib)", () => {
  it("Full Access reopens, updates (same id) and discards the mailbox's draft; the discard is audited", async () => {
    // a draft stored in the shared mailbox's Drafts
    const id = await storeSharedDraft(shared, "Shared draft");
    const context = await loadComposeContext(t.db, actorOf(reader), { draft: id }, labels);
    expect(context.initial).toMatchObject({ mode: "draft", draftId: id, subject: "Shared draft" });
    const saved = await saveDraft(
      t.db,
      actorOf(reader),
      input(reader, { from: { mode: "as", address: shared.address }, draftId: id, subject: "Shared draft 2" }),
    );
    expect(saved).toMatchObject({ id, mailboxAddress: shared.address });
    expect((await copiesIn(t.db, shared, "drafts")).map((d) => [d.id, d.subject])).toEqual([[id, "Shared draft 2"]]);
    const before = (await auditOf(t.db, "mail.delete")).length;
    expect(await discardDraft(t.db, actorOf(reader), id)).toBe(shared.address);
    expect(await copiesIn(t.db, shared, "drafts")).toEqual([]);
    const audits = await auditOf(t.db, "mail.delete");
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)).toMatchObject({ actorId: reader.id, mailboxId: shared.id });
  });

  it("Send As alone, Send on Behalf alone, a colleague, a stranger: cannot open, update nor discard it", async () => {
    const id = await storeSharedDraft(shared, "Private draft");
    for (const someone of [asOnly, behalfOnly, colleague, stranger]) {
      await expect(loadComposeContext(t.db, actorOf(someone), { draft: id }, labels)).rejects.toMatchObject({
        code: "notFound",
      });
      await expect(
        saveDraft(t.db, actorOf(someone), input(someone, { draftId: id, subject: "Hijacked" })),
      ).rejects.toMatchObject({ code: "notFound" });
      expect(await discardDraft(t.db, actorOf(someone), id)).toBeNull();
    }
    expect((await copiesIn(t.db, shared, "drafts")).map((d) => [d.id, d.subject])).toEqual([[id, "Private draft"]]);
  });
});
