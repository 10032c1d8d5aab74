import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { composeAction } from "../../../app/mail/compose/actions";
import { messageContents, outboundRecipients, type Account } from "../../../db/schema";
import { createOrg, createShared, createUser } from "../../support/factories";
import { loadSentSummary } from "../../../lib/compose/sent-summary";
import { actorOf, signInAs } from "../../support/session";
import { useTestDb } from "../../support/test-db";
import { composeForm, copiesIn, expectFailure, folderCounts, headersOf, parsed, sentData, usedBytes } from "./helpers";

const t = useTestDb();

let org: Awaited<ReturnType<typeof createOrg>>;
let other: Awaited<ReturnType<typeof createOrg>>;
let alice: Account;
let bob: Account;
let carol: Account;
let support: Account;
let remote: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  other = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice", name: "Alice Émile" });
  bob = await createUser(t.db, org, { local: "bob", name: "Bob" });
  carol = await createUser(t.db, org, { local: "carol", name: "Carol" });
  support = await createShared(t.db, org, { local: "support", name: "Support", hidden: true });
  remote = await createUser(t.db, other, { local: "remote", name: "Remote" });
});

const send = (fields: Record<string, string | undefined>) =>
  composeAction(null, composeForm({ intent: "send", from: `as:${alice.address}`, ...fields }));

describe("sending between mailboxes of the installation (R11)", () => {
  it("builds real MIME and delivers it to the recipient's Inbox and the sender's Sent Items in one go", async () => {
    signInAs(alice);
    const before = await usedBytes(t.db, alice);
    const sent = await sentData(
      t.db,
      send({ to: `Bob <${bob.address}>`, subject: "Réunion d'équipe — ordre du jour", body: "Bonjour,\nà jeudi." }),
    );
    expect(sent.delivered).toEqual([bob.address]);
    expect(sent.failed).toEqual([]);

    const [inbox] = await copiesIn(t.db, bob, "inbox");
    const [sentCopy] = await copiesIn(t.db, alice, "sent");
    expect(inbox).toBeDefined();
    expect(sentCopy!.contentId).toBe(inbox!.contentId); // stored once for the organisation
    expect(sentCopy!.seen).toBe(true);
    expect(inbox!.seen).toBe(false);

    const headers = headersOf(inbox!.raw);
    expect(headers).toMatch(/^Message-ID: <[0-9a-f-]{36}@/m);
    expect(headers).toMatch(/^Date: /m);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?/m); // non-ASCII subject encoded
    expect(headers).toMatch(/^From: =\?UTF-8\?Q\?Alice_=C3=89mile\?= <alice@/m);
    expect(headers).not.toMatch(/^Sender:/m);
    const mail = await parsed(inbox!.raw);
    expect(mail.subject).toBe("Réunion d'équipe — ordre du jour");
    expect(mail.text?.trim()).toBe("Bonjour,\nà jeudi.");
    expect(mail.messageId).toBe(sent.messageId);

    expect((await usedBytes(t.db, alice)).used - before.used).toBe(inbox!.sizeBytes);
    expect(await folderCounts(t.db, bob, "inbox")).toEqual({ total: 1, unread: 1 });
  });

  it("keeps Bcc in the Sent copy's listing row only, never in the message", async () => {
    signInAs(alice);
    await sentData(
      t.db,
      send({ to: bob.address, bcc: `Carol <${carol.address}>`, subject: "With a blind copy", body: "x" }),
    );
    const sentCopy = (await copiesIn(t.db, alice, "sent")).find((m) => m.subject === "With a blind copy")!;
    const carolCopy = (await copiesIn(t.db, carol, "inbox")).find((m) => m.subject === "With a blind copy")!;
    const bobCopy = (await copiesIn(t.db, bob, "inbox")).find((m) => m.subject === "With a blind copy")!;
    expect(sentCopy.bccList).toEqual([{ name: "Carol", address: carol.address }]);
    expect(bobCopy.bccList).toEqual([]);
    expect(carolCopy.bccList).toEqual([]);
    expect(headersOf(sentCopy.raw)).not.toMatch(/^Bcc:/im);
    expect(sentCopy.raw.toString()).not.toContain(carol.address);
  });

  it("delivers to a shared mailbox's Inbox (hidden from the address book or not) and its counters rise", async () => {
    signInAs(alice);
    const before = await folderCounts(t.db, support, "inbox");
    await sentData(t.db, send({ to: support.address, subject: "Printer on fire", body: "Help" }));
    expect(await folderCounts(t.db, support, "inbox")).toEqual({ total: before.total + 1, unread: before.unread + 1 });
    const [copy] = await copiesIn(t.db, support, "inbox");
    expect(copy!.subject).toBe("Printer on fire");
    expect((await usedBytes(t.db, support)).used).toBe(copy!.sizeBytes);
  });

  it("delivers to another organisation of the installation, storing the raw once per organisation", async () => {
    signInAs(alice);
    await sentData(t.db, send({ to: `${remote.address}, ${bob.address}`, subject: "Across organisations", body: "x" }));
    const [remoteCopy] = await copiesIn(t.db, remote, "inbox");
    const bobCopy = (await copiesIn(t.db, bob, "inbox")).find((m) => m.subject === "Across organisations")!;
    const sentCopy = (await copiesIn(t.db, alice, "sent")).find((m) => m.subject === "Across organisations")!;
    expect(remoteCopy!.orgId).toBe(other.id);
    expect(remoteCopy!.contentId).not.toBe(bobCopy.contentId);
    expect(bobCopy.contentId).toBe(sentCopy.contentId);
    expect(remoteCopy!.raw.equals(bobCopy.raw)).toBe(true);
    const contents = await t.db
      .select({ id: messageContents.id })
      .from(messageContents)
      .where(eq(messageContents.id, bobCopy.contentId));
    expect(contents).toHaveLength(1);
  });

  it(
    "answers an unknown local address with a 5.1.1 non-delivery report in the sender's Inbox, as real " + "MIME",
    async () => {
      signInAs(alice);
      const ghost = `nobody@${org.domain}`;
      const sent = await sentData(t.db, send({ to: `${ghost}, ${bob.address}`, subject: "To a ghost", body: "x" }));
      expect(sent.failed).toEqual([{ address: ghost, status: "5.1.1" }]);
      expect(sent.delivered).toEqual([bob.address]);
      const report = (await copiesIn(t.db, alice, "inbox")).find((m) => m.subject.includes("To a ghost"))!;
      expect(report).toBeDefined();
      expect(headersOf(report.raw)).toMatch(/^Content-Type: multipart\/report; report-type=delivery-status/m);
      expect(report.raw.toString()).toMatch(/Final-Recipient: rfc822; nobody@/);
      expect(report.raw.toString()).toMatch(/Status: 5\.1\.1/);
      const mail = await parsed(report.raw);
      expect(mail.from?.value[0]?.address).toBe(`mailer-daemon@${org.domain}`);
      expect(mail.text).toContain("5.1.1");
      expect(mail.text).toContain(ghost);
    },
  );

  it("puts an external address on the outbound queue with the Sent copy (R15)", async () => {
    signInAs(alice);
    const sent = await sentData(
      t.db,
      send({ to: bob.address, cc: "someone@gmail.example", subject: "Outside", body: "x" }),
    );
    expect(sent.delivered).toEqual([bob.address]);
    expect(sent.queued).toEqual(["someone@gmail.example"]);
    const queued = await t.db
      .select({ address: outboundRecipients.address, state: outboundRecipients.state })
      .from(outboundRecipients)
      .where(eq(outboundRecipients.address, "someone@gmail.example"));
    expect(queued).toEqual([{ address: "someone@gmail.example", state: "queued" }]);
  });

  it("gives field errors a person can act on, and echoes what was typed", async () => {
    signInAs(alice);
    const noRecipient = expectFailure(await send({ subject: "Nobody", body: "x" }));
    expect(noRecipient.fieldErrors?.to).toEqual(["recipientRequired"]);
    const typo = expectFailure(await send({ to: `${bob.address}, carol@`, subject: "Typo", body: "x" }));
    expect(typo.fieldErrors?.to).toEqual(["invalidAddress"]);
    expect(typo.values?.to).toBe("carol@");
    expect((typo.data as { echo: Record<string, string> }).echo.subject).toBe("Typo");
    const noFrom = expectFailure(await composeAction(null, composeForm({ to: bob.address })));
    expect(noFrom.fieldErrors?.from).toBeDefined();
  });

  it("redirects to a confirmation that only the sender can open, and that believes no crafted failure", async () => {
    signInAs(alice);
    const sent = await sentData(t.db, send({ to: bob.address, bcc: carol.address, subject: "Confirmed", body: "x" }));
    expect(sent.url.pathname).toBe("/mail/compose/sent");
    expect(sent).toMatchObject({
      subject: "Confirmed",
      delivered: [bob.address, carol.address],
      failed: [],
      sentCopies: [alice.address],
    });
    const crafted = await loadSentSummary(t.db, actorOf(alice), sent.sentCopyId, [
      `5.1.1:${bob.address}`,
      "5.2.2:ceo@example.test",
      "junk",
    ]);
    expect(crafted.failed).toEqual([{ status: "5.1.1", address: bob.address }]);
    await expect(loadSentSummary(t.db, actorOf(bob), sent.sentCopyId, [])).rejects.toMatchObject({ code: "notFound" });
    await expect(loadSentSummary(t.db, actorOf(remote), sent.sentCopyId, [])).rejects.toMatchObject({
      code: "notFound",
    });
  });

  it("refuses the signed-out", async () => {
    signInAs(null);
    expect(expectFailure(await send({ to: bob.address, subject: "x", body: "x" })).message).toBe("signedOut");
  });
});
