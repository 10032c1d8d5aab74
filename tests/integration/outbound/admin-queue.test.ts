import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, dkimKeys, outboundRecipients, type Account } from "../../../db/schema";
import { domainRecords, type DnsLookup } from "../../../lib/admin/outbound/dns-records";
import {
  actOnQueueEntry,
  generateOrgDkimKey,
  getSendLimit,
  listOutboundQueue,
  setSendLimit,
} from "../../../lib/admin/outbound/queue";
import { dkimRecordValue } from "../../../lib/dkim/keys";
import { createOrg, createUser } from "../../support/factories";
import { actorOf } from "../../support/session";
import { useTestDb } from "../../support/test-db";
import { send } from "./helpers";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let admin: Account;
let user: Account;
let otherAdmin: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  const other = await createOrg(t.db);
  admin = await createUser(t.db, org, { local: "admin", role: "admin" });
  user = await createUser(t.db, org, { local: "user" });
  otherAdmin = await createUser(t.db, other, { local: "admin", role: "admin" });
});

describe("the admin's outbound queue", () => {
  it("lists the organisation's queue; retry now makes an entry due, cancel stops it; both audited", async () => {
    await send(t.db, user, { to: "a@far.test, b@far.test", subject: "Queued" });
    const queued = await listOutboundQueue(t.db, actorOf(admin), "queued");
    expect(queued.map((q) => q.to).sort()).toEqual(["a@far.test", "b@far.test"]);
    expect(queued[0]).toMatchObject({ from: user.address, subject: "Queued", attempts: 0 });

    const a = queued.find((q) => q.to === "a@far.test")!;
    const later = new Date(Date.now() + 3_600_000);
    await t.db
      .update(outboundRecipients)
      .set({ state: "deferred", nextAttemptAt: later })
      .where(eq(outboundRecipients.id, a.id));
    await actOnQueueEntry(t.db, actorOf(admin), { id: a.id, action: "retry" });
    const [row] = await t.db.select().from(outboundRecipients).where(eq(outboundRecipients.id, a.id));
    expect(row!.nextAttemptAt.getTime()).toBeLessThan(later.getTime());

    const b = queued.find((q) => q.to === "b@far.test")!;
    await actOnQueueEntry(t.db, actorOf(admin), { id: b.id, action: "cancel" });
    expect((await t.db.select().from(outboundRecipients).where(eq(outboundRecipients.id, b.id)))[0]!.state).toBe(
      "cancelled",
    );
    await expect(actOnQueueEntry(t.db, actorOf(admin), { id: b.id, action: "retry" })).rejects.toMatchObject({
      code: "queueEntryGone",
    });
    const actions = (await t.db.select().from(auditEvents).where(eq(auditEvents.orgId, org.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["outbound.retry", "outbound.cancel"]));
  });

  it("refuses a non-admin, and another organisation's admin cannot see or touch the queue", async () => {
    await expect(listOutboundQueue(t.db, actorOf(user), "queued")).rejects.toMatchObject({ code: "noAccess" });
    await expect(setSendLimit(t.db, actorOf(user), { limit: 1 })).rejects.toMatchObject({ code: "noAccess" });
    await expect(generateOrgDkimKey(t.db, actorOf(user), org.domain)).rejects.toMatchObject({ code: "noAccess" });
    const [entry] = await listOutboundQueue(t.db, actorOf(admin), "deferred");
    const [anyRow] = entry ? [entry] : await listOutboundQueue(t.db, actorOf(admin), "queued");
    expect(await listOutboundQueue(t.db, actorOf(otherAdmin), "queued")).toEqual([]);
    expect(await listOutboundQueue(t.db, actorOf(otherAdmin), "deferred")).toEqual([]);
    await expect(
      actOnQueueEntry(t.db, actorOf(otherAdmin), { id: anyRow!.id, action: "cancel" }),
    ).rejects.toMatchObject({ code: "queueEntryGone" });
    await expect(generateOrgDkimKey(t.db, actorOf(otherAdmin), org.domain)).rejects.toMatchObject({ code: "notFound" });
  });

  it("sets the hourly send limit per mailbox", async () => {
    await setSendLimit(t.db, actorOf(admin), { limit: 42 });
    expect(await getSendLimit(t.db, actorOf(admin))).toBe(42);
    await expect(setSendLimit(t.db, actorOf(admin), { limit: -1 })).rejects.toThrow();
  });
});

describe("DNS records to publish", () => {
  it("shows MX, SPF, DKIM and DMARC, checked when DNS answers, 'unchecked' when it cannot be asked", async () => {
    const key = await generateOrgDkimKey(t.db, actorOf(admin), org.domain);
    const [stored] = await t.db.select().from(dkimKeys).where(eq(dkimKeys.domain, org.domain));
    expect(stored!.selector).toBe(key.selector);

    const offline: DnsLookup = {
      resolveMx: () => Promise.reject(Object.assign(new Error("offline"), { code: "ECONNREFUSED" })),
      resolveTxt: () => Promise.reject(Object.assign(new Error("offline"), { code: "ECONNREFUSED" })),
    };
    const [unchecked] = await domainRecords(t.db, actorOf(admin), { mailHost: "mail.example.net", lookup: offline });
    expect(unchecked!.records.map((r) => [r.type, r.check])).toEqual([
      ["MX", "unchecked"],
      ["TXT", "unchecked"],
      ["TXT", "unchecked"],
      ["TXT", "unchecked"],
    ]);
    expect(unchecked!.records[2]!.name).toBe(`${key.selector}._domainkey.${org.domain}`);

    const txt = new Map<string, string[][]>([
      [org.domain, [["v=spf1 mx -all"]]],
      [
        `${key.selector}._domainkey.${org.domain}`,
        [[dkimRecordValue(key).slice(0, 200), dkimRecordValue(key).slice(200)]],
      ],
    ]);
    const published: DnsLookup = {
      resolveMx: async () => [{ exchange: "mail.example.net", priority: 10 }],
      resolveTxt: async (name) => {
        const v = txt.get(name);
        if (!v) throw Object.assign(new Error("none"), { code: "ENODATA" });
        return v;
      },
    };
    const [checked] = await domainRecords(t.db, actorOf(admin), { mailHost: "mail.example.net", lookup: published });
    expect(checked!.records.map((r) => r.check)).toEqual(["ok", "ok", "ok", "missing"]);
    await expect(domainRecords(t.db, actorOf(user), { mailHost: "x", lookup: published })).rejects.toMatchObject({
      code: "noAccess",
    });
  });
});
