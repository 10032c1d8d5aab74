import { beforeAll, describe, expect, it } from "vitest";
import { composeAction } from "../../../app/mail/compose/actions";
import type { Account } from "../../../db/schema";
import { MAX_ATTACHMENT_BYTES } from "../../../lib/compose/limits";
import { prefill, type QuoteLabels } from "../../../lib/compose/prefill";
import { loadComposeSource } from "../../../lib/compose/original-message";
import { createOrg, createUser } from "../../support/factories";
import { actorOf, signInAs } from "../../support/session";
import { useTestDb } from "../../support/test-db";
import { composeForm, copiesIn, expectFailure, parsed, sentData } from "./helpers";

const t = useTestDb();

let alice: Account;
let bob: Account;
let carol: Account;

const labels: QuoteLabels = {
  wrote: ({ date, from }) => `On ${date}, ${from} wrote:`,
  forwarded: "---------- Forwarded message ----------",
  from: "From",
  date: "Date",
  subject: "Subject",
  to: "To",
  cc: "Cc",
  formatDate: (d) => d.toISOString(),
};

beforeAll(async () => {
  const org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice", name: "Alice" });
  bob = await createUser(t.db, org, { local: "bob", name: "Bob" });
  carol = await createUser(t.db, org, { local: "carol", name: "Carol" });
});

function send(from: Account, fields: Record<string, string | string[] | File[]>) {
  signInAs(from);
  return composeAction(null, composeForm({ from: `as:${from.address}`, body: "", ...fields }));
}

async function inboxCopy(account: Account, subject: string) {
  const copy = (await copiesIn(t.db, account, "inbox")).find((m) => m.subject === subject);
  if (!copy) throw new Error(`no "${subject}" in ${account.address}`);
  return copy;
}

describe("reply and reply all", () => {
  it("threads the reply (In-Reply-To, References), quotes the original and marks it answered", async () => {
    const first = await sentData(
      t.db,
      send(alice, { to: bob.address, cc: carol.address, subject: "Planning", body: "Shall we meet?\nThursday?" }),
    );
    const original = await inboxCopy(bob, "Planning");
    expect(original.answered).toBe(false);

    const source = await loadComposeSource(t.db, actorOf(bob), original.id);
    const reply = prefill("reply", source, [bob.address], labels);
    expect(reply.to).toBe(`Alice <${alice.address}>`);
    expect(reply.cc).toBe("");
    expect(reply.subject).toBe("Re: Planning");
    expect(reply.body).toContain("Alice <alice@");
    expect(reply.body).toContain("> Shall we meet?\n> Thursday?");
    expect(reply.replyOf).toBe(original.id);

    const all = prefill("replyAll", source, [bob.address], labels);
    expect(all.to).toBe(`Alice <${alice.address}>`);
    expect(all.cc).toBe(carol.address);

    const second = await sentData(
      t.db,
      send(bob, { to: reply.to, subject: reply.subject, body: `Yes.${reply.body}`, replyOf: reply.replyOf! }),
    );
    const answer = await inboxCopy(alice, "Re: Planning");
    const mail = await parsed(answer.raw);
    expect(mail.inReplyTo).toBe(first.messageId);
    expect(mail.references).toBe(first.messageId);
    expect((await inboxCopy(bob, "Planning")).answered).toBe(true);

    // a reply to the reply carries the whole chain
    const again = prefill("reply", await loadComposeSource(t.db, actorOf(alice), answer.id), [alice.address], labels);
    expect(again.subject).toBe("Re: Planning");
    await sentData(t.db, send(alice, { to: again.to, subject: again.subject, body: "Great", replyOf: again.replyOf! }));
    const third = await parsed(
      (await copiesIn(t.db, bob, "inbox")).filter((m) => m.subject === "Re: Planning").at(-1)!.raw,
    );
    expect(third.inReplyTo).toBe(second.messageId);
    expect(third.references).toEqual([first.messageId, second.messageId]);
  });

  it("answers the Reply-To address when the original has one", async () => {
    const source = await loadComposeSource(t.db, actorOf(bob), (await inboxCopy(bob, "Planning")).id);
    const withReplyTo = { ...source, replyTo: [{ name: "List", address: "list@example.test" }] };
    expect(prefill("reply", withReplyTo, [bob.address], labels).to).toBe("List <list@example.test>");
  });
});

describe("forward", () => {
  it("keeps the original's attachments unless the writer unticks them", async () => {
    const pdf = new File([Buffer.from("%PDF-1.4 test")], "devis.pdf", { type: "application/pdf" });
    const csv = new File([Buffer.from("a;b\n1;2\n")], "notes.csv", { type: "text/csv" });
    await sentData(
      t.db,
      send(alice, { to: bob.address, subject: "Two files", body: "See attached.", "attachments[]": [pdf, csv] }),
    );
    const original = await inboxCopy(bob, "Two files");
    const source = await loadComposeSource(t.db, actorOf(bob), original.id);
    const forward = prefill("forward", source, [bob.address], labels);
    expect(forward.subject).toBe("Fwd: Two files");
    expect(forward.body).toContain("---------- Forwarded message ----------");
    expect(forward.body).toContain("See attached.");
    expect(forward.attachments.map((a) => a.filename)).toEqual(["devis.pdf", "notes.csv"]);
    expect(forward.attachFrom).toBe(original.id);

    await sentData(
      t.db,
      send(bob, {
        to: carol.address,
        subject: forward.subject,
        body: forward.body,
        attachFrom: original.id,
        "keep[]": ["1"],
      }),
    );
    const mail = await parsed((await inboxCopy(carol, "Fwd: Two files")).raw);
    expect(mail.attachments.map((a) => a.filename)).toEqual(["notes.csv"]);
    expect(mail.attachments[0]!.content.toString()).toBe("a;b\n1;2\n");
  });

  it("refuses attachments over the limit with a field error", async () => {
    const big = new File([Buffer.alloc(MAX_ATTACHMENT_BYTES + 1)], "big.bin", { type: "application/octet-stream" });
    const state = expectFailure(await send(alice, { to: bob.address, subject: "Too big", "attachments[]": [big] }));
    expect(state.fieldErrors?.attachments).toEqual(["attachmentsTooLarge"]);
    expect((await copiesIn(t.db, bob, "inbox")).some((m) => m.subject === "Too big")).toBe(false);
  });

  it("ignores the empty file a browser posts when nothing was chosen, with or without JavaScript", async () => {
    const empty = new File([], "", { type: "application/octet-stream" });
    await sentData(t.db, send(alice, { to: bob.address, subject: "No file", "attachments[]": [empty] }));
    expect((await parsed((await inboxCopy(bob, "No file")).raw)).attachments).toEqual([]);
    // what the server receives through React's form encoding
    const named = new File([], "undefined", { type: "application/octet-stream" });
    await sentData(t.db, send(alice, { to: bob.address, subject: "No file either", "attachments[]": [named] }));
    const copy = await inboxCopy(bob, "No file either");
    expect((await parsed(copy.raw)).attachments).toEqual([]);
  });
});
