import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, type Account } from "../../../db/schema";
import { deliveryStatesOf } from "../../../lib/outbound/status";
import { createOrg, createUser } from "../../support/factories";
import { startFarEnd, stubResolver, type FarEnd } from "../../support/far-end";
import { smtpSend, startMx, type RunningMx } from "../../support/smtp";
import { useTestDb } from "../../support/test-db";
import { runQueue, send, testConfig } from "./helpers";

/**
 * A relay accepted the recipients, then one failed further on and its delivery report came back to
 * the sender over SMTP (RFC 3464, null reverse path): the Sent copy's state for that recipient says so.
 */
const t = useTestDb();
let far: FarEnd;
let mx: RunningMx;
let org: Awaited<ReturnType<typeof createOrg>>;
let alice: Account;
let bob: Account;

beforeAll(async () => {
  far = await startFarEnd();
  mx = await startMx(t.db);
  org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice" });
  bob = await createUser(t.db, org, { local: "bob" });
});
afterAll(async () => {
  far.close();
  await mx.close();
});

/** A report as Postfix writes one: its status part, then the returned message's headers. */
function report(to: string, failed: string, messageId: string) {
  const boundary = "B1/report.example";
  return [
    "From: MAILER-DAEMON@relay.ext-a.test (Mail Delivery System)",
    `To: ${to}`,
    "Subject: Undelivered Mail Returned to Sender",
    "Message-ID: <report-1@relay.ext-a.test>",
    "Date: Tue, 01 Dec 2026 08:00:00 +0000",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "I'm sorry to have to inform you that your message could not be delivered.",
    "",
    `--${boundary}`,
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; relay.ext-a.test",
    "Arrival-Date: Tue, 01 Dec 2026 07:59:00 +0000",
    "",
    `Final-Recipient: rfc822; ${failed}`,
    "Action: failed",
    "Status: 5.1.1",
    "Diagnostic-Code: smtp; 550 5.1.1 <" + failed + ">: Recipient address rejected: User unknown",
    "",
    `--${boundary}`,
    "Content-Type: text/rfc822-headers",
    "",
    `From: Alice <${alice.address}>`,
    "Subject: Quarterly figures",
    `Message-ID: ${messageId}`,
    "",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

async function sentAndDelivered() {
  const result = await send(t.db, alice, { to: "one@ext-a.test, two@ext-a.test", subject: "Quarterly figures" });
  await runQueue(t.db, testConfig(far.port), stubResolver(new Map()), new Date());
  const [copy] = await t.db.select().from(messages).where(eq(messages.id, result.sentCopyId));
  const states = () => deliveryStatesOf(t.db, org.id, copy!.contentId);
  expect((await states()).map((s) => s.state)).toEqual(["delivered", "delivered"]);
  return { messageId: copy!.messageIdHeader!, states };
}

describe("a delivery report after the relay accepted (R15)", () => {
  it("marks that recipient failed with the far end's words; the other stays delivered", async () => {
    const { messageId, states } = await sentAndDelivered();
    const answer = await smtpSend(
      mx.port,
      { from: "", to: [alice.address] },
      report(alice.address, "two@ext-a.test", messageId),
    );
    expect(answer.ok).toBe(true);
    const after = await states();
    expect(after.map((s) => [s.address, s.state])).toEqual([
      ["one@ext-a.test", "delivered"],
      ["two@ext-a.test", "failed"],
    ]);
    expect(after[1]!.lastReply).toContain("5.1.1");
    expect(after[1]!.lastReply).toContain("User unknown");
  });

  it("changes nothing when the report is not the sender's: to another mailbox, or with a sender address", async () => {
    const { messageId, states } = await sentAndDelivered();
    const toBob = await smtpSend(
      mx.port,
      { from: "", to: [bob.address] },
      report(bob.address, "one@ext-a.test", messageId),
    );
    expect(toBob.ok).toBe(true);
    const signed = await smtpSend(
      mx.port,
      { from: "someone@elsewhere.test", to: [alice.address] },
      report(alice.address, "one@ext-a.test", messageId),
    );
    expect(signed.ok).toBe(true);
    expect((await states()).map((s) => s.state)).toEqual(["delivered", "delivered"]);
  });
});
