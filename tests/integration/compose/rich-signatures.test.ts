import { beforeAll, describe, expect, it } from "vitest";
import { saveSignatureAction } from "../../../app/mail/signatures/actions";
import type { Account } from "../../../db/schema";
import { loadComposeContext } from "../../../lib/compose/compose-page-data";
import { saveDraft } from "../../../lib/compose/drafts";
import type { QuoteLabels } from "../../../lib/compose/prefill";
import type { ComposeInput } from "../../../lib/compose/recipient-fields";
import { sendMessage } from "../../../lib/compose/send";
import { listEditableSignatures, setSignature } from "../../../lib/compose/signatures";
import { sanitizeMailHtml } from "../../../lib/mime/sanitize-mail-html";
import { addMessage, createOrg, createShared, createUser, delegate } from "../../support/factories";
import { actorOf, signInAs } from "../../support/session";
import { useTestDb } from "../../support/test-db";
import { composeForm, copiesIn, parsed } from "./helpers";

const t = useTestDb();
const labels = {
  wrote: ({ from }: { date: string; from: string }) => `${from} wrote:`,
  formatDate: (d: Date) => d.toISOString(),
} as QuoteLabels;

let alice: Account;
let bob: Account;
let desk: Account;
let full: Account; // Full Access + Send As on desk
let asOnly: Account; // Send As only
let behalfOnly: Account; // Send on Behalf only
let colleague: Account;
let stranger: Account;

beforeAll(async () => {
  const org = await createOrg(t.db);
  const other = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice", name: "Alice" });
  bob = await createUser(t.db, org, { local: "bob", name: "Bob" });
  desk = await createShared(t.db, org, { local: "desk", name: "Help Desk" });
  full = await createUser(t.db, org, { local: "full", name: "Fay Full" });
  asOnly = await createUser(t.db, org, { local: "asonly", name: "Arthur As" });
  behalfOnly = await createUser(t.db, org, { local: "behalf", name: "Bea Behalf" });
  colleague = await createUser(t.db, org, { local: "colleague" });
  stranger = await createUser(t.db, other, { local: "stranger" });
  await delegate(t.db, desk, full, { fullAccess: true, sendAs: true });
  await delegate(t.db, desk, asOnly, { sendAs: true });
  await delegate(t.db, desk, behalfOnly, { sendOnBehalf: true });
});

const RICH =
  "<p>Hello <strong>Bob</strong>, <em>this</em> is <u>important</u>:</p>" +
  "<ul><li><p>one</p></li><li><p>two</p></li></ul>" +
  "<ol><li><p>first</p></li></ol><blockquote><p>quoted</p></blockquote><h2>Next steps</h2>" +
  '<p>See <a target="_blank" rel="noopener noreferrer" href="https://example.org/plan">the plan</a>.</p>';

const input = (from: string, fields: Partial<ComposeInput> = {}): ComposeInput => ({
  from: { mode: "as", address: from },
  to: bob.address,
  cc: "",
  bcc: "",
  subject: "Rich",
  body: "",
  attachments: [],
  keep: [],
  ...fields,
});

describe("rich compose", () => {
  it("sends text/plain and text/html alternatives: the HTML as written survives the sanitiser", async () => {
    await sendMessage(t.db, actorOf(alice), input(alice.address, { subject: "Rich one", html: RICH, body: "ignored" }));
    const copy = (await copiesIn(t.db, bob, "inbox")).find((m) => m.subject === "Rich one")!;
    const raw = copy.raw.toString("utf8");
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/plain/i);
    expect(raw).toMatch(/Content-Type: text\/html/i);
    const mail = await parsed(copy.raw);
    // the reader's sanitiser keeps every element the editor writes
    const html = String(mail.html);
    for (const tag of ["<strong>Bob</strong>", "<em>this</em>", "<u>important</u>", "<ul>", "<ol>", "<blockquote>"]) {
      expect(html).toContain(tag);
      expect(sanitizeMailHtml(html).html).toContain(tag);
    }
    expect(sanitizeMailHtml(html).html).toContain('href="https://example.org/plan"');
    expect(sanitizeMailHtml(html).html).toContain("<h2>Next steps</h2>");
    // the plain alternative is the same text (html-to-text), links spelled out
    expect(mail.text).toContain("Hello Bob, this is important:");
    expect(mail.text).toMatch(/\* one\n\s*\* two/);
    expect(mail.text).toContain("> quoted");
    expect(mail.text).toContain("the plan [https://example.org/plan]");
    expect(mail.text).not.toContain("ignored");
  });

  it("sends what a script would add to the HTML without it (the sanitiser runs before sending)", async () => {
    await sendMessage(
      t.db,
      actorOf(alice),
      input(alice.address, {
        subject: "Nasty",
        html: '<p onclick="steal()">Hi<script>alert(1)</script><img src=x onerror=alert(1)></p>',
      }),
    );
    const copy = (await copiesIn(t.db, bob, "inbox")).find((m) => m.subject === "Nasty")!;
    const html = String((await parsed(copy.raw)).html);
    expect(html).toContain("Hi");
    expect(html).not.toMatch(/script|onclick|onerror/i);
  });

  it("without the editor (no JavaScript) the message is plain text only", async () => {
    await sendMessage(t.db, actorOf(alice), input(alice.address, { subject: "Plain", body: "Just text" }));
    const copy = (await copiesIn(t.db, bob, "inbox")).find((m) => m.subject === "Plain")!;
    const mail = await parsed(copy.raw);
    expect(mail.html).toBe(false);
    expect(mail.text?.trim()).toBe("Just text");
  });

  it("a reply quotes the original's HTML, sanitised, in a blockquote", async () => {
    const original = await addMessage(t.db, alice, {
      subject: "Menu",
      html: '<p>Soup <b>and</b> bread<script>x()</script></p><img src="https://tracker.example/p.gif">',
    });
    const context = await loadComposeContext(t.db, actorOf(alice), { reply: original.id }, labels);
    expect(context.initial.html).toContain("<blockquote>");
    expect(context.initial.html).toContain("<b>and</b>");
    expect(context.initial.html).not.toContain("script");
    expect(context.initial.html).not.toContain("tracker.example");
    expect(context.initial.body).toContain("> Hello there."); // the plain alternative quotes the text part
  });

  it("a draft keeps its HTML and its signature choice, and reopens with them", async () => {
    const draft = await saveDraft(t.db, actorOf(alice), input(alice.address, { html: RICH, signature: false }));
    const context = await loadComposeContext(t.db, actorOf(alice), { draft: draft.id }, labels);
    expect(context.initial.html).toContain("<strong>Bob</strong>");
    expect(context.initial.signature).toBe(false);
    expect(context.initial.body).toContain("Hello Bob");
  });
});

describe("signatures", () => {
  beforeAll(async () => {
    await setSignature(t.db, actorOf(alice), alice.address, "Alice Martin\nAccounts");
    await setSignature(t.db, actorOf(full), desk.address, "The Help Desk\n<help@desk>");
  });

  it("each From choice shows its own mailbox's signature (a shared mailbox's own when sending as it)", async () => {
    const ofAlice = await loadComposeContext(t.db, actorOf(alice), {}, labels);
    expect(ofAlice.signatures).toEqual({ [`as:${alice.address}`]: "Alice Martin\nAccounts" });
    const ofAsOnly = await loadComposeContext(t.db, actorOf(asOnly), {}, labels);
    expect(ofAsOnly.signatures).toEqual({ [`as:${desk.address}`]: "The Help Desk\n<help@desk>" });
    const ofBehalf = await loadComposeContext(t.db, actorOf(behalfOnly), {}, labels);
    expect(ofBehalf.signatures).toEqual({ [`onBehalf:${desk.address}`]: "The Help Desk\n<help@desk>" });
    // no right to send from the desk: its signature is not handed out
    const ofColleague = await loadComposeContext(t.db, actorOf(colleague), {}, labels);
    expect(ofColleague.signatures).toEqual({});
  });

  it("is written under the message for the From used, in the plain text and the HTML", async () => {
    await sendMessage(
      t.db,
      actorOf(asOnly),
      input(desk.address, { subject: "From the desk", html: "<p>We <strong>fixed</strong> it.</p>", signature: true }),
    );
    const fromDesk = await parsed((await copiesIn(t.db, bob, "inbox")).find((m) => m.subject === "From the desk")!.raw);
    expect(fromDesk.text).toContain("We fixed it.\n\n-- \nThe Help Desk\n<help@desk>");
    expect(String(fromDesk.html)).toContain("<p>The Help Desk<br>&lt;help@desk&gt;</p>");
    expect(fromDesk.text).not.toContain("Alice");

    await sendMessage(
      t.db,
      actorOf(alice),
      input(alice.address, { subject: "From Alice", body: "Hi", signature: true }),
    );
    const fromAlice = await parsed((await copiesIn(t.db, bob, "inbox")).find((m) => m.subject === "From Alice")!.raw);
    expect(fromAlice.text).toBe("Hi\n\n-- \nAlice Martin\nAccounts\n");

    await sendMessage(t.db, actorOf(alice), input(alice.address, { subject: "No sig", body: "Hi", signature: false }));
    const without = await parsed((await copiesIn(t.db, bob, "inbox")).find((m) => m.subject === "No sig")!.raw);
    expect(without.text?.trim()).toBe("Hi");
  });

  it("the owner sets their own; a shared mailbox's is set by its Full Access delegates only", async () => {
    expect((await listEditableSignatures(t.db, actorOf(full))).map((s) => [s.address, s.own])).toEqual([
      [full.address, true],
      [desk.address, false],
    ]);
    for (const someone of [asOnly, behalfOnly, colleague, stranger]) {
      expect((await listEditableSignatures(t.db, actorOf(someone))).map((s) => s.address)).toEqual([someone.address]);
      await expect(setSignature(t.db, actorOf(someone), desk.address, "Hijacked")).rejects.toMatchObject({
        code: "notFound",
      });
      await expect(setSignature(t.db, actorOf(someone), alice.address, "Hijacked")).rejects.toMatchObject({
        code: "notFound",
      });
      signInAs(someone);
      const state = await saveSignatureAction(null, composeForm({ mailbox: desk.address, text: "Hijacked" }));
      expect(state).toMatchObject({ ok: false, message: "notFound" });
    }
    const desks = await listEditableSignatures(t.db, actorOf(full));
    expect(desks.find((s) => s.address === desk.address)?.text).toBe("The Help Desk\n<help@desk>");

    signInAs(full);
    expect(await saveSignatureAction(null, composeForm({ mailbox: desk.address, text: "Desk v2\r\n" }))).toMatchObject({
      ok: true,
    });
    expect((await listEditableSignatures(t.db, actorOf(full))).find((s) => s.address === desk.address)?.text).toBe(
      "Desk v2",
    );
    const tooLong = await saveSignatureAction(null, composeForm({ mailbox: desk.address, text: "x".repeat(2001) }));
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { text: ["tooLong"] } });
  });
});
