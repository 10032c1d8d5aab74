import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, messages, quotaReservations, type Account } from "../../../db/schema";
import { commitDispatch, prepareDispatch } from "../../../lib/compose/dispatch";
import { resolveFrom } from "../../../lib/compose/from";
import { sendMessage } from "../../../lib/compose/send";
import { buildMessage } from "../../../lib/mime/build-message";
import type { ComposeInput } from "../../../lib/compose/recipient-fields";
import { deliverInbound } from "../../../lib/inbound/deliver-inbound";
import { parseListing } from "../../../lib/mime/parse-listing";
import {
  claimReservations,
  refundReservations,
  refundStaleReservations,
  reserveQuota,
} from "../../../lib/quota/reserve";
import { DEFAULT_THRESHOLDS } from "../../../lib/quota/thresholds";
import { createOrg, createUser, folderOf } from "../../support/factories";
import { actorOf } from "../../support/session";
import { testDriver, useTestDb } from "../../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  org = await createOrg(t.db);
});

const setUsed = (account: Account, usedBytes: number, quotaBytes: number) =>
  t.db.update(accounts).set({ usedBytes, quotaBytes, quotaWarnedAt: null }).where(eq(accounts.id, account.id));

/** used_bytes, and what the mailbox's stored messages and open reservations add up to. */
async function ledger(account: Account) {
  const [row] = await t.db
    .select({ used: accounts.usedBytes, quota: accounts.quotaBytes })
    .from(accounts)
    .where(eq(accounts.id, account.id));
  const [stored] = await t.db
    .select({ bytes: sql<string>`coalesce(sum(${messages.sizeBytes}), 0)` })
    .from(messages)
    .where(eq(messages.accountId, account.id));
  const [open] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(quotaReservations)
    .where(eq(quotaReservations.accountId, account.id));
  return { used: Number(row!.used), quota: Number(row!.quota), stored: Number(stored!.bytes), open: open!.n };
}

const compose = (from: Account, to: string, subject: string): ComposeInput => ({
  from: { mode: "as", address: from.address },
  to,
  cc: "",
  bcc: "",
  subject,
  body: "y".repeat(900),
  attachments: [],
  keep: [],
});

describe("quota reservations (R10 with the charge outside the storing transaction)", () => {
  it.skipIf(testDriver === "pglite")(
    "twenty sends at once from ONE nearly full mailbox: never over quota, stored bytes counted, no reservation left",
    async () => {
      const sender = await createUser(t.db, org, { local: "busy-sender" });
      const box = await createUser(t.db, org, { local: "busy-box" });
      // Room for a few Sent copies (each ~1.5 KB) under the send limit, not twenty.
      const quota = 200_000;
      await setUsed(sender, Math.floor((quota * DEFAULT_THRESHOLDS.sendBlockPercent) / 100) - 5_000, quota);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          sendMessage(t.db, actorOf(sender), compose(sender, box.address, `Burst ${i}`)),
        ),
      );
      const sent = results.filter((r) => r.status === "fulfilled").length;
      const refused = results.filter(
        (r) =>
          r.status === "rejected" &&
          ["sendBlockedQuota", "sentCopyNoRoom"].includes(String((r.reason as { code?: string }).code)),
      ).length;
      const reasons = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
      if (sent + refused !== 20)
        console.log(
          "OTHER",
          reasons.filter((m) => !/sendBlockedQuota|sentCopyNoRoom/.test(m)),
        );
      expect(sent + refused).toBe(20);
      expect(sent).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
      const s = await ledger(sender);
      expect(s.open).toBe(0);
      expect(s.used).toBeLessThanOrEqual(s.quota);
      const b = await ledger(box);
      expect(b.open).toBe(0);
      expect(b.used).toBe(b.stored);
      // Every Sent copy stored is counted, every refused one given back: nothing lost, nothing extra.
      const sentFolder = await folderOf(t.db, sender, "sent");
      const [{ n: copies }] = (await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(messages)
        .where(eq(messages.folderId, sentFolder.id))) as [{ n: number }];
      expect(copies).toBe(sent);
      expect(s.used - s.stored).toBe(Math.floor((quota * DEFAULT_THRESHOLDS.sendBlockPercent) / 100) - 5_000);
    },
  );

  it.skipIf(testDriver === "pglite")(
    "forty SMTP deliveries at once into one nearly full mailbox: stored exactly what fits, the rest refused",
    async () => {
      const box = await createUser(t.db, org, { local: "mx-box" });
      const inbox = await folderOf(t.db, box, "inbox");
      const junk = await folderOf(t.db, box, "junk");
      const raw = Buffer.from(
        `From: a@elsewhere.test\r\nTo: ${box.address}\r\nSubject: Inbound\r\n\r\n${"z".repeat(2000)}\r\n`,
      );
      const listing = await parseListing(raw);
      await setUsed(box, 0, 20 * raw.length + 100);
      const mailbox = {
        id: box.id,
        orgId: box.orgId,
        address: box.address,
        displayName: box.displayName,
        quotaBytes: 20 * raw.length + 100,
        usedBytes: 0,
        inboxId: inbox.id,
        junkId: junk.id,
        ...DEFAULT_THRESHOLDS,
      };
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, () => deliverInbound(t.db, { raw, listing, recipients: [mailbox], junk: false })),
      );
      const stored = results.filter((r) => r.status === "fulfilled").length;
      const full = results.filter((r) => r.status === "rejected" && (r.reason as Error).name === "MailboxFullError");
      expect(stored + full.length).toBe(40);
      const b = await ledger(box);
      expect(b.open).toBe(0);
      expect(b.used).toBe(b.stored);
      expect(b.used).toBeLessThanOrEqual(b.quota);
      // The receive limit is 100 %: exactly 20 fit.
      expect(stored).toBe(20);
    },
  );

  it("a send whose transaction fails gives every reservation back", async () => {
    const sender = await createUser(t.db, org, { local: "failing-sender" });
    const box = await createUser(t.db, org, { local: "failing-box" });
    const before = [await ledger(sender), await ledger(box)];
    const actor = actorOf(sender);
    const from = await resolveFrom(t.db, actor, { mode: "as", address: sender.address }, { auditRefusal: false });
    const d = await prepareDispatch(t.db, actor, from, [box.address]);
    const raw = await buildMessage({
      from: { name: "S", address: sender.address },
      to: [{ name: "B", address: box.address }],
      subject: "Never",
      text: "Never stored.",
    });
    await expect(
      commitDispatch(
        t.db,
        actor,
        d,
        { raw, listing: await parseListing(raw), messageId: "<never@test>", bcc: [], recipientCount: 1 },
        async () => {
          throw new Error("the answered mark failed");
        },
      ),
    ).rejects.toThrow("the answered mark failed");
    expect([await ledger(sender), await ledger(box)]).toEqual(before);
  });

  it("a reservation left by a stopped process is given back; one claimed by a commit is not", async () => {
    const box = await createUser(t.db, org, { local: "stale-box" });
    await setUsed(box, 0, 1_000_000);
    const left = await reserveQuota(t.db, box.orgId, box.id, 700);
    const kept = await reserveQuota(t.db, box.orgId, box.id, 300);
    expect((await ledger(box)).used).toBe(1000);
    await t.db.transaction((tx) => claimReservations(tx, [kept!.id]));
    expect(await refundStaleReservations(t.db, 0)).toBe(1);
    expect((await ledger(box)).used).toBe(300);
    // Refunding again (the caller's own refund after a failure) finds nothing more.
    await refundReservations(t.db, [left!.id, kept!.id]);
    expect((await ledger(box)).used).toBe(300);
    expect((await ledger(box)).open).toBe(0);
    // A claim of a reservation already given back fails its transaction.
    await expect(t.db.transaction((tx) => claimReservations(tx, [left!.id]))).rejects.toThrow();
  });

  it("a reservation that would pass the limit changes nothing", async () => {
    const box = await createUser(t.db, org, { local: "tight-box" });
    await setUsed(box, 900, 1000);
    expect(await reserveQuota(t.db, box.orgId, box.id, 101)).toBeNull();
    expect(await ledger(box)).toMatchObject({ used: 900, open: 0 });
    expect(await reserveQuota(t.db, box.orgId, box.id, 100)).not.toBeNull();
    expect(await ledger(box)).toMatchObject({ used: 1000, open: 1 });
  });
});
