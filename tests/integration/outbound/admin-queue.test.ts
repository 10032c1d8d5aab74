import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, dkimKeys, outboundRecipients, type Account } from "../../../db/schema";
import { domainRecords, type DnsLookup } from "../../../lib/admin/outbound/dns-records";
import {
  actOnQueueEntry,
  generateOrgDkimKey,
  getSendLimit,
  listOutboundQueue,
  setSendLimit,
  type QueueView,
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
    const { rows: queued } = await listOutboundQueue(t.db, actorOf(admin), "queued");
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
    const [entry] = (await listOutboundQueue(t.db, actorOf(admin), "deferred")).rows;
    const [anyRow] = entry ? [entry] : (await listOutboundQueue(t.db, actorOf(admin), "queued")).rows;
    expect((await listOutboundQueue(t.db, actorOf(otherAdmin), "queued")).rows).toEqual([]);
    expect((await listOutboundQueue(t.db, actorOf(otherAdmin), "deferred")).rows).toEqual([]);
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

describe("the queue's pages (keyset, newest first, per state)", () => {
  it("walks 8 queued rows 3 at a time both ways, and each state has its own pages", async () => {
    const pagingOrg = await createOrg(t.db);
    const boss = await createUser(t.db, pagingOrg, { local: "boss", role: "admin" });
    const sender = await createUser(t.db, pagingOrg, { local: "sender" });
    for (let i = 0; i < 10; i++) await send(t.db, sender, { to: `p${i}@paging.test`, subject: `Paging ${i}` });
    // two of them wait for a retry, the rest are still queued
    await t.db
      .update(outboundRecipients)
      .set({ state: "deferred" })
      .where(inArray(outboundRecipients.address, ["p2@paging.test", "p7@paging.test"]));

    const list = (view: QueueView, cursors: { after?: string | null; before?: string | null } = {}) =>
      listOutboundQueue(t.db, actorOf(boss), view, { ...cursors, limit: 3 });
    const to = (page: { rows: { to: string }[] }) => page.rows.map((r) => r.to);

    const first = await list("queued");
    expect(to(first)).toEqual(["p9@paging.test", "p8@paging.test", "p6@paging.test"]);
    expect(first.previous).toBeNull();
    const second = await list("queued", { after: first.next });
    expect(to(second)).toEqual(["p5@paging.test", "p4@paging.test", "p3@paging.test"]);
    const third = await list("queued", { after: second.next });
    expect(to(third)).toEqual(["p1@paging.test", "p0@paging.test"]);
    expect(third.next).toBeNull();
    // and back: the same pages, newest first within each, until the first has no "previous"
    const back = await list("queued", { before: third.previous });
    expect(to(back)).toEqual(to(second));
    expect(back.next).toBe(second.next);
    const front = await list("queued", { before: back.previous });
    expect(to(front)).toEqual(to(first));
    expect(front.previous).toBeNull();

    const deferred = await list("deferred");
    expect(to(deferred)).toEqual(["p7@paging.test", "p2@paging.test"]);
    expect([deferred.next, deferred.previous]).toEqual([null, null]);
    expect((await list("failed")).rows).toEqual([]);
    // a cursor that does not parse is the first page, not an error
    expect(to(await list("queued", { after: "not-a-cursor" }))).toEqual(to(first));
    // another organisation's admin sees none of it
    expect((await listOutboundQueue(t.db, actorOf(otherAdmin), "queued")).rows.map((r) => r.to)).not.toContain(
      "p9@paging.test",
    );
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
      resolve4: () => Promise.reject(Object.assign(new Error("offline"), { code: "ECONNREFUSED" })),
      resolve6: () => Promise.reject(Object.assign(new Error("offline"), { code: "ECONNREFUSED" })),
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
      resolve4: async (name) => {
        if (name === "mail.example.net") return ["203.0.113.7"];
        throw Object.assign(new Error("none"), { code: "ENODATA" });
      },
      resolve6: async () => {
        throw Object.assign(new Error("none"), { code: "ENODATA" });
      },
    };
    const [checked] = await domainRecords(t.db, actorOf(admin), { mailHost: "mail.example.net", lookup: published });
    expect(checked!.records.map((r) => r.check)).toEqual(["ok", "ok", "ok", "missing"]);
    await expect(domainRecords(t.db, actorOf(user), { mailHost: "x", lookup: published })).rejects.toMatchObject({
      code: "noAccess",
    });
  });
});

describe("the SPF check evaluates the published policy for the addresses mail leaves from", () => {
  const none = (name: string) => Promise.reject(Object.assign(new Error(`no record at ${name}`), { code: "ENODATA" }));
  const txt = new Map<string, string[]>();
  const a = new Map<string, string[]>([
    ["mail.example.net", ["203.0.113.7"]],
    ["smtp.relay.test", ["192.0.2.5"]],
  ]);
  let dnsDown = false;
  const stub: DnsLookup = {
    resolveTxt: async (name) => (txt.has(name) ? txt.get(name)!.map((v) => [v]) : none(name)),
    resolveMx: async (name) => (name === org.domain ? [{ exchange: "mail.example.net", priority: 10 }] : none(name)),
    resolve4: async (name) => {
      if (dnsDown) throw Object.assign(new Error("timeout"), { code: "ETIMEOUT" });
      return a.get(name) ?? none(name);
    },
    resolve6: async (name) => none(name),
  };
  const spfOf = async (relayHost?: string) => {
    const [d] = await domainRecords(t.db, actorOf(admin), { mailHost: "mail.example.net", relayHost, lookup: stub });
    return d!.records[1]!;
  };

  it("published and authorising this server: 'mx', an ip4: range, or through an include:", async () => {
    txt.set(org.domain, ["v=spf1 mx -all"]);
    expect(await spfOf()).toMatchObject({ check: "ok", found: ["v=spf1 mx -all"] });
    txt.set(org.domain, ["v=spf1 ip4:203.0.113.0/24 -all"]);
    expect((await spfOf()).check).toBe("ok");
    txt.set(org.domain, ["google-site-verification=abc", "v=spf1 include:_spf.provider.test -all"]);
    txt.set("_spf.provider.test", ["v=spf1 ip4:198.51.100.0/24 ip4:203.0.113.7 -all"]);
    expect((await spfOf()).check).toBe("ok");
  });

  it("published but not including this server: says what to add", async () => {
    txt.set(org.domain, ["v=spf1 include:_spf.other.test -all"]);
    txt.set("_spf.other.test", ["v=spf1 ip4:198.51.100.0/24 -all"]);
    expect(await spfOf()).toMatchObject({ check: "notAuthorised", fix: "mx / ip4:203.0.113.7" });
    // "~all" (softfail) is not an authorisation either
    txt.set(org.domain, ["v=spf1 ~all"]);
    expect((await spfOf()).check).toBe("notAuthorised");
  });

  it("through a relay, the relay's addresses are the ones to authorise", async () => {
    txt.set(org.domain, ["v=spf1 mx -all"]);
    expect(await spfOf("smtp.relay.test")).toMatchObject({ check: "notAuthorised", fix: "ip4:192.0.2.5" });
    txt.set(org.domain, ["v=spf1 mx a:smtp.relay.test -all"]);
    expect(await spfOf("smtp.relay.test")).toMatchObject({
      check: "ok",
      value: "v=spf1 mx a:smtp.relay.test -all",
    });
  });

  it("missing without a v=spf1 record; 'could not check' when DNS does not answer", async () => {
    txt.set(org.domain, ["google-site-verification=abc", "v=spf10 not a policy"]);
    expect((await spfOf()).check).toBe("missing");
    txt.set(org.domain, ["v=spf1 mx -all"]);
    dnsDown = true;
    try {
      expect((await spfOf()).check).toBe("unchecked");
    } finally {
      dnsDown = false;
    }
  });
});
