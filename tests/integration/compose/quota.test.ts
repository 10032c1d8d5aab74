import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { composeAction } from "../../../app/mail/compose/actions";
import { accounts, messages, organizations, type Account } from "../../../db/schema";
import { sendMessage } from "../../../lib/compose/send";
import type { ComposeInput } from "../../../lib/compose/recipient-fields";
import { releaseQuota } from "../../../lib/quota/charge";
import { createOrg, createShared, createUser, delegate } from "../../support/factories";
import { actorOf, signInAs } from "../../support/session";
import { testDriver, useTestDb } from "../../support/test-db";
import { composeForm, copiesIn, expectFailure, parsed, sentData, usedBytes } from "./helpers";

const t = useTestDb();

let org: Awaited<ReturnType<typeof createOrg>>;
let sender: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  sender = await createUser(t.db, org, { local: "sender", name: "Sender" });
});

async function setUsed(account: Account, usedBytes: number, quotaBytes = account.quotaBytes) {
  await t.db.update(accounts).set({ usedBytes, quotaBytes, quotaWarnedAt: null }).where(eq(accounts.id, account.id));
}

const send = (to: Account | string, subject: string, from: Account = sender, body = "A few words.") => {
  signInAs(from);
  return composeAction(
    null,
    composeForm({ from: `as:${from.address}`, to: typeof to === "string" ? to : to.address, subject, body }),
  );
};

describe("the warning threshold (90 %)", () => {
  it("delivers ONE warning message when a mailbox crosses it, and again only after going back under", async () => {
    const box = await createUser(t.db, org, { local: "nearly", quotaBytes: 100_000 });
    await setUsed(box, 89_800);
    await sentData(t.db, send(box, "Crossing"));
    const warned = await usedBytes(t.db, box);
    expect(warned.warnedAt).not.toBeNull();
    let warnings = (await copiesIn(t.db, box, "inbox")).filter((m) => m.subject.includes("Mailbox almost full"));
    expect(warnings).toHaveLength(1);
    const mail = await parsed(warnings[0]!.raw);
    expect(mail.text).toContain(box.address);
    expect(mail.text).toMatch(/9\d ?%/);
    // its bytes are counted too (R10: every store)
    const inbox = await copiesIn(t.db, box, "inbox");
    expect(warned.used).toBe(89_800 + inbox.reduce((s, m) => s + m.sizeBytes, 0));

    await sentData(t.db, send(box, "Still above"));
    warnings = (await copiesIn(t.db, box, "inbox")).filter((m) => m.subject.includes("Mailbox almost full"));
    expect(warnings).toHaveLength(1);

    await t.db.transaction((tx) => releaseQuota(tx, box.orgId, box.id, 10_000));
    expect((await usedBytes(t.db, box)).warnedAt).toBeNull();
    const under = (await usedBytes(t.db, box)).used;
    await setUsed(box, 89_900);
    await sentData(t.db, send(box, "Crossing again"));
    expect((await copiesIn(t.db, box, "inbox")).filter((m) => m.subject.includes("Mailbox almost full"))).toHaveLength(
      2,
    );
    expect(under).toBeLessThan(90_000);
  });

  it("warns the sender's mailbox too when its Sent copy makes it cross", async () => {
    const writer = await createUser(t.db, org, { local: "writer", quotaBytes: 100_000 });
    await setUsed(writer, 89_800);
    await sentData(t.db, send(sender, "From a nearly full mailbox", writer));
    expect((await usedBytes(t.db, writer)).warnedAt).not.toBeNull();
    expect((await copiesIn(t.db, writer, "inbox")).some((m) => m.subject.includes("Mailbox almost full"))).toBe(true);
  });

  it("follows the organisation's own threshold", async () => {
    const org2 = await createOrg(t.db);
    await t.db.update(organizations).set({ warnPercent: 50 }).where(eq(organizations.id, org2.id));
    const box = await createUser(t.db, org2, { local: "half", quotaBytes: 100_000 });
    await setUsed(box, 49_900);
    await sentData(t.db, send(box, "Half full"));
    expect((await copiesIn(t.db, box, "inbox")).some((m) => m.subject.includes("Mailbox almost full"))).toBe(true);
  });

  it("follows each mailbox's own organisation when the sender's is another", async () => {
    // The send reads the sender's organisation for its send block; the recipient's is read by the delivery.
    const org4 = await createOrg(t.db);
    await t.db.update(organizations).set({ warnPercent: 40 }).where(eq(organizations.id, org4.id));
    const away = await createUser(t.db, org4, { local: "away", quotaBytes: 100_000 });
    const writer = await createUser(t.db, org, { local: "writer40", quotaBytes: 100_000 });
    await setUsed(away, 39_900);
    await setUsed(writer, 39_900);
    await sentData(t.db, send(away, "Across organisations", writer));
    const warnedIn = async (box: Account) =>
      (await copiesIn(t.db, box, "inbox")).some((m) => m.subject.includes("Mailbox almost full"));
    expect(await warnedIn(away)).toBe(true);
    expect(await warnedIn(writer)).toBe(false);
  });
});

describe("the send limit (95 %)", () => {
  it("refuses to send from a mailbox at 95 % with a clear message, and stores nothing", async () => {
    const full = await createUser(t.db, org, { local: "blocked", quotaBytes: 100_000 });
    const target = await createUser(t.db, org, { local: "target" });
    await setUsed(full, 95_000);
    const state = expectFailure(await send(target, "Blocked", full));
    expect(state.message).toBe("sendBlockedQuota");
    expect(state.values).toMatchObject({ address: full.address, percent: 95 });
    expect(await copiesIn(t.db, target, "inbox")).toEqual([]);
    expect((await usedBytes(t.db, full)).used).toBe(95_000);
    await setUsed(full, 94_000);
    await sentData(t.db, send(target, "Allowed at 94 %", full));
  });

  it("refuses to send as a shared mailbox at its send limit when it keeps a Sent copy", async () => {
    const shared = await createShared(t.db, org, { local: "fullshared", quotaBytes: 100_000 });
    const delegateUser = await createUser(t.db, org, { local: "deleg" });
    await delegate(t.db, shared, delegateUser, { sendAs: true });
    await setUsed(shared, 96_000);
    signInAs(delegateUser);
    const state = expectFailure(
      await composeAction(
        null,
        composeForm({ from: `as:${shared.address}`, to: sender.address, subject: "x", body: "x" }),
      ),
    );
    expect(state.message).toBe("sendBlockedQuota");
    expect(state.values).toMatchObject({ address: shared.address, percent: 96 });
  });
});

describe("the receive limit (100 %)", () => {
  it("refuses a delivery that would pass the quota and sends the sender a 5.2.2 Mailbox full report", async () => {
    const box = await createUser(t.db, org, { local: "stuffed", quotaBytes: 100_000 });
    const other = await createUser(t.db, org, { local: "roomy" });
    await setUsed(box, 99_900);
    const sent = await sentData(t.db, send(`${box.address}, ${other.address}`, "Too big for one"));
    expect(sent.failed).toEqual([{ address: box.address, status: "5.2.2" }]);
    expect(sent.delivered).toEqual([other.address]);
    expect(await copiesIn(t.db, box, "inbox")).toEqual([]);
    expect((await usedBytes(t.db, box)).used).toBe(99_900);
    const report = (await copiesIn(t.db, sender, "inbox")).find((m) => m.subject.includes("Too big for one"))!;
    expect(report.raw.toString()).toMatch(/Status: 5\.2\.2/);
    expect((await parsed(report.raw)).text).toContain("Mailbox full");
  });

  it("follows the organisation's receive limit", async () => {
    const org3 = await createOrg(t.db);
    await t.db
      .update(organizations)
      .set({ warnPercent: 80, sendBlockPercent: 85, receiveBlockPercent: 90 })
      .where(eq(organizations.id, org3.id));
    const box = await createUser(t.db, org3, { local: "ninety", quotaBytes: 100_000 });
    await setUsed(box, 89_800);
    const sent = await sentData(t.db, send(box, "Over 90"));
    expect(sent.failed).toEqual([{ address: box.address, status: "5.2.2" }]);
  });
});

describe("concurrent deliveries (R10)", () => {
  it.skipIf(testDriver === "pglite")(
    "never overshoot a nearly full mailbox's quota by a single byte (PostgreSQL; PGlite runs one transaction at a " +
      "time, so there is no race to test)",
    async () => {
      const box = await createUser(t.db, org, { local: "race", quotaBytes: 60_000 });
      const senders = await Promise.all(
        Array.from({ length: 16 }, (_, i) => createUser(t.db, org, { local: `racer${i}` })),
      );
      await setUsed(box, 50_000);
      const input = (i: number): ComposeInput => ({
        from: { mode: "as", address: senders[i]!.address },
        to: box.address,
        cc: "",
        bcc: "",
        subject: `Race ${i}`,
        body: "x".repeat(900),
        attachments: [],
        keep: [],
      });
      const results = await Promise.allSettled(senders.map((s, i) => sendMessage(t.db, actorOf(s), input(i))));
      const rejected = results.filter((r) => r.status === "rejected");
      expect(rejected).toEqual([]);
      const outcomes = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof sendMessage>>>).value);
      const delivered = outcomes.filter((o) => o.delivered.includes(box.address)).length;
      const refused = outcomes.filter((o) =>
        o.failed.some((f) => f.address === box.address && f.status === "5.2.2"),
      ).length;
      expect(delivered + refused).toBe(16);
      expect(delivered).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);

      const [row] = await t.db
        .select({ used: accounts.usedBytes, quota: accounts.quotaBytes })
        .from(accounts)
        .where(eq(accounts.id, box.id));
      const [sum] = await t.db
        .select({ bytes: sql<string>`coalesce(sum(${messages.sizeBytes}), 0)` })
        .from(messages)
        .where(eq(messages.accountId, box.id));
      expect(row!.used).toBeLessThanOrEqual(row!.quota);
      expect(row!.used).toBe(50_000 + Number(sum!.bytes));
      // every refused sender got its report
      for (const [i, o] of outcomes.entries()) {
        if (o.failed.length)
          expect((await copiesIn(t.db, senders[i]!, "inbox")).some((m) => m.subject.includes(`Race ${i}`))).toBe(true);
      }
    },
  );
});
