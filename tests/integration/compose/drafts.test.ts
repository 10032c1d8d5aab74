import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { composeAction } from "../../../app/mail/compose/actions";
import { messageContents, type Account } from "../../../db/schema";
import { prefill, type QuoteLabels } from "../../../lib/compose/prefill";
import { loadComposeSource } from "../../../lib/compose/original-message";
import { createOrg, createUser } from "../../support/factories";
import { actorOf, signInAs } from "../../support/session";
import { useTestDb } from "../../support/test-db";
import { composeForm, copiesIn, expectFailure, folderCounts, parsed, redirectOf, sentData, usedBytes } from "./helpers";

const t = useTestDb();
const labels = {} as QuoteLabels;

let alice: Account;
let bob: Account;
let mallory: Account;

beforeAll(async () => {
  const org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice", name: "Alice" });
  bob = await createUser(t.db, org, { local: "bob", name: "Bob" });
  mallory = await createUser(t.db, org, { local: "mallory" });
});

function post(account: Account, fields: Record<string, string | string[] | File[]>) {
  signInAs(account);
  return composeAction(null, composeForm({ from: `as:${account.address}`, ...fields }));
}

const draftIdOf = (url: string) => new URL(url, "http://x").searchParams.get("draft")!;

describe("drafts", () => {
  it("saves a draft in Drafts (real MIME, Bcc kept), reopens it, replaces it and removes it on send", async () => {
    const used0 = (await usedBytes(t.db, alice)).used;
    const note = new File([Buffer.from("hello")], "note.txt", { type: "text/plain" });
    const url = await redirectOf(() =>
      post(alice, {
        intent: "draft",
        to: `Bob <${bob.address}>`,
        bcc: "someone@outside.example",
        subject: "Brouillon",
        body: "Première version",
        "attachments[]": [note],
        context: alice.address,
      }),
    );
    expect(url).toMatch(/^\/mail\/compose\?draft=[0-9a-f-]{36}&saved=1&mailbox=alice%40/);
    const firstId = draftIdOf(url);
    const [draft] = await copiesIn(t.db, alice, "drafts");
    expect(draft).toMatchObject({ id: firstId, isDraft: true, seen: true, subject: "Brouillon" });
    expect(draft!.bccList).toEqual([{ name: "", address: "someone@outside.example" }]);
    expect((await parsed(draft!.raw)).bcc).toBeDefined();
    expect((await usedBytes(t.db, alice)).used - used0).toBe(draft!.sizeBytes);
    expect(await folderCounts(t.db, alice, "drafts")).toEqual({ total: 1, unread: 0 });

    const reopened = prefill("draft", await loadComposeSource(t.db, actorOf(alice), firstId), [], labels);
    expect(reopened).toMatchObject({
      mode: "draft",
      to: `Bob <${bob.address}>`,
      bcc: "someone@outside.example",
      subject: "Brouillon",
      body: "Première version",
      draftId: firstId,
      attachFrom: firstId,
    });
    expect(reopened.attachments.map((a) => a.filename)).toEqual(["note.txt"]);

    const secondId = draftIdOf(
      await redirectOf(() =>
        post(alice, {
          intent: "draft",
          to: reopened.to,
          subject: "Brouillon",
          body: "Deuxième version",
          draftId: firstId,
          attachFrom: firstId,
          "keep[]": ["0"],
        }),
      ),
    );
    const drafts = await copiesIn(t.db, alice, "drafts");
    expect(drafts.map((d) => d.id)).toEqual([secondId]);
    expect((await parsed(drafts[0]!.raw)).attachments.map((a) => a.filename)).toEqual(["note.txt"]);
    expect(await t.db.select().from(messageContents).where(eq(messageContents.id, draft!.contentId))).toEqual([]);
    expect((await usedBytes(t.db, alice)).used - used0).toBe(drafts[0]!.sizeBytes);

    await sentData(t.db, post(alice, { to: bob.address, subject: "Brouillon", body: "Finale", draftId: secondId }));
    expect(await copiesIn(t.db, alice, "drafts")).toEqual([]);
    const [sentCopy] = await copiesIn(t.db, alice, "sent");
    expect((await usedBytes(t.db, alice)).used - used0).toBe(sentCopy!.sizeBytes);
    expect(await folderCounts(t.db, alice, "drafts")).toEqual({ total: 0, unread: 0 });
  });

  it("remembers the message a draft answers, and threads the reply sent from it", async () => {
    const first = await sentData(t.db, post(bob, { to: alice.address, subject: "Question", body: "Why?" }));
    const original = (await copiesIn(t.db, alice, "inbox")).find((m) => m.subject === "Question")!;
    const id = draftIdOf(
      await redirectOf(() =>
        post(alice, {
          intent: "draft",
          to: bob.address,
          subject: "Re: Question",
          body: "Because",
          replyOf: original.id,
        }),
      ),
    );
    const reopened = prefill("draft", await loadComposeSource(t.db, actorOf(alice), id), [], labels);
    expect(reopened.replyOf).toBe(original.id);
    await sentData(
      t.db,
      post(alice, { to: bob.address, subject: "Re: Question", body: "Because", replyOf: original.id, draftId: id }),
    );
    const answer = (await copiesIn(t.db, bob, "inbox")).find((m) => m.subject === "Re: Question")!;
    const mail = await parsed(answer.raw);
    expect(mail.inReplyTo).toBe(first.messageId);
    expect(mail.headers.has("x-mailroom-reply-of")).toBe(false);
  });

  it("keeps another user's draft out of reach: no reopening, replacing or sending it away", async () => {
    const id = draftIdOf(
      await redirectOf(() => post(alice, { intent: "draft", to: bob.address, subject: "Mine", body: "secret" })),
    );
    await expect(loadComposeSource(t.db, actorOf(mallory), id)).rejects.toMatchObject({ code: "notFound" });
    expect(expectFailure(await post(mallory, { intent: "draft", subject: "x", draftId: id })).message).toBe("notFound");
    expect(expectFailure(await post(mallory, { to: bob.address, subject: "x", draftId: id })).message).toBe("notFound");
    expect(
      expectFailure(await post(mallory, { to: bob.address, subject: "x", attachFrom: id, "keep[]": ["0"] })).message,
    ).toBe("notFound");
    const drafts = await copiesIn(t.db, alice, "drafts");
    expect(drafts.some((d) => d.id === id)).toBe(true);
  });

  it("does not treat a received message as a draft to replace", async () => {
    await sentData(t.db, post(bob, { to: alice.address, subject: "Keep me", body: "x" }));
    const received = (await copiesIn(t.db, alice, "inbox")).find((m) => m.subject === "Keep me")!;
    expect(expectFailure(await post(alice, { intent: "draft", subject: "x", draftId: received.id })).message).toBe(
      "notFound",
    );
    expect(
      await t.db
        .select()
        .from(messageContents)
        .where(and(eq(messageContents.id, received.contentId))),
    ).toHaveLength(1);
  });
});
