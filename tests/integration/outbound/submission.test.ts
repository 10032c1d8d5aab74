import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, organizations, outboundRecipients, type Account } from "../../../db/schema";
import { startSubmission, type RunningSubmission } from "../../../servers/submission/server";
import { copiesIn } from "../compose/helpers";
import { createOrg, createShared, createUser, delegate, TEST_PASSWORD } from "../../support/factories";
import { useTestDb } from "../../support/test-db";

const t = useTestDb();
let server: RunningSubmission;
let org: Awaited<ReturnType<typeof createOrg>>;
let alice: Account;
let asUser: Account;
let behalfUser: Account;
let fullOnly: Account;
let support: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice", name: "Alice" });
  asUser = await createUser(t.db, org, { local: "as-user" });
  behalfUser = await createUser(t.db, org, { local: "behalf", name: "Béa Half" });
  fullOnly = await createUser(t.db, org, { local: "full" });
  support = await createShared(t.db, org, { local: "support", name: "Support" });
  await delegate(t.db, support, asUser, { sendAs: true });
  await delegate(t.db, support, behalfUser, { sendOnBehalf: true });
  await delegate(t.db, support, fullOnly, { fullAccess: true });
  server = await startSubmission(t.db, { port: 0, host: "127.0.0.1", tls: "none", maxSizeBytes: 1024 * 1024 });
});
afterAll(() => server.close());

const client = (user: Account, pass = TEST_PASSWORD) =>
  nodemailer.createTransport({
    host: "127.0.0.1",
    port: server.port,
    secure: false,
    ignoreTLS: true,
    auth: { user: user.address, pass },
  });

const submit = (user: Account, mail: nodemailer.SendMailOptions, pass?: string) => client(user, pass).sendMail(mail);

describe("SMTP submission for mail clients (R16)", () => {
  it("sends the user's own mail through the webmail's path: local delivery, Sent copy, outbound queue", async () => {
    const info = await submit(alice, {
      from: alice.address,
      to: [asUser.address, "friend@far-away.test"],
      bcc: "secret@far-away.test",
      subject: "From Thunderbird",
      text: "Hello",
    });
    expect(info.response).toMatch(/^250/);
    const inbox = await copiesIn(t.db, asUser, "inbox");
    expect(inbox.some((m) => m.subject === "From Thunderbird")).toBe(true);
    const sent = (await copiesIn(t.db, alice, "sent")).filter((m) => m.subject === "From Thunderbird");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.raw.toString()).not.toMatch(/^Bcc:/im);
    const queued = await t.db.select().from(outboundRecipients).where(eq(outboundRecipients.domain, "far-away.test"));
    expect(queued.map((q) => q.address).sort()).toEqual(["friend@far-away.test", "secret@far-away.test"]);
  });

  it("Send As: From the shared mailbox, no Sender; Send on Behalf: Sender added as the user", async () => {
    await submit(asUser, { from: support.address, to: alice.address, subject: "As support" });
    const asCopy = (await copiesIn(t.db, alice, "inbox")).find((m) => m.subject === "As support")!;
    expect(asCopy.raw.toString()).not.toMatch(/^Sender:/im);
    expect(asCopy.raw.toString()).toMatch(/^From: .*support@/im);

    await submit(behalfUser, { from: support.address, to: alice.address, subject: "Behalf support" });
    const behalfCopy = (await copiesIn(t.db, alice, "inbox")).find((m) => m.subject === "Behalf support")!;
    expect(behalfCopy.raw.toString()).toMatch(new RegExp(`^Sender: .*<${behalfUser.address}>`, "im"));
    // kept in the shared mailbox's Sent Items too (R6)
    expect((await copiesIn(t.db, support, "sent")).map((m) => m.subject)).toEqual(
      expect.arrayContaining(["As support", "Behalf support"]),
    );
  });

  it("refuses a forged From with 550 5.7.1 and an audit entry, and a Sender that is not the user", async () => {
    await expect(
      submit(fullOnly, { from: support.address, to: alice.address, subject: "Forged" }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringMatching(/5\.7\.1/) });
    await expect(
      submit(behalfUser, { from: support.address, sender: alice.address, to: alice.address, subject: "Forged 2" }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      submit(alice, { from: "ceo@elsewhere.test", to: "x@far-away.test", subject: "Forged 3" }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const refused = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "send.forbidden")));
    expect(refused.map((e) => e.actorAddress).sort()).toEqual(
      [alice.address, behalfUser.address, fullOnly.address].sort(),
    );
    expect((await copiesIn(t.db, alice, "inbox")).some((m) => m.subject.startsWith("Forged"))).toBe(false);
  });

  it("needs AUTH before MAIL (no relaying for strangers), and a wrong password is 535", async () => {
    const anonymous = nodemailer.createTransport({
      host: "127.0.0.1",
      port: server.port,
      secure: false,
      ignoreTLS: true,
    });
    await expect(
      anonymous.sendMail({ from: alice.address, to: "x@far-away.test", subject: "Open relay?" }),
    ).rejects.toMatchObject({
      responseCode: 530,
    });
    await expect(submit(alice, { from: alice.address, to: alice.address }, "wrong-password")).rejects.toMatchObject({
      responseCode: 535,
    });
  });

  it("shares the webmail's sign-in throttle: after too many failures even the right password waits", async () => {
    const dave = await createUser(t.db, org, { local: "dave" });
    for (let i = 0; i < 10; i++) {
      await expect(submit(dave, { from: dave.address, to: alice.address }, "nope")).rejects.toMatchObject({
        responseCode: 535,
      });
    }
    await expect(submit(dave, { from: dave.address, to: alice.address })).rejects.toMatchObject({ responseCode: 454 });
  });

  it("answers the hourly limit with a temporary refusal the client can show", async () => {
    const small = await createOrg(t.db);
    const carol = await createUser(t.db, small, { local: "carol" });
    await t.db.update(organizations).set({ sendLimitPerHour: 1 }).where(eq(organizations.id, small.id));
    await submit(carol, { from: carol.address, to: "one@far-away.test" });
    await expect(submit(carol, { from: carol.address, to: "two@far-away.test" })).rejects.toMatchObject({
      responseCode: 451,
      response: expect.stringMatching(/4\.7\.1 Hourly limit of 1/),
    });
  });
});
