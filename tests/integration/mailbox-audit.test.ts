import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, delegations, type Account } from "../../db/schema";
import { requireMailboxRight } from "../../lib/access/mailbox-access";
import { decodeTrailCursor, listMailboxTrail } from "../../lib/audit/mailbox-trail";
import { recordMailboxOpen } from "../../lib/audit/record-mailbox-open";
import { recordAudit } from "../../lib/audit/record-audit";
import { createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf } from "../support/session";
import { testDriver, useTestDb } from "../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let guide: Account;
let support: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  guide = await createUser(t.db, org);
  support = await createShared(t.db, org, { name: "Support" });
  await delegate(t.db, support, guide, { fullAccess: true });
});

const opens = (mailbox: Account, actor?: Account) =>
  t.db
    .select({ sessionId: auditEvents.sessionId, actorAddress: auditEvents.actorAddress, details: auditEvents.details })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.mailboxId, mailbox.id),
        eq(auditEvents.action, "mailbox.open"),
        actor ? eq(auditEvents.actorId, actor.id) : undefined,
      ),
    );

describe("recordMailboxOpen (R13)", () => {
  it("records a delegate opening a shared mailbox once per session", async () => {
    const actor = actorOf(guide, "session-a");
    const access = await requireMailboxRight(t.db, actor, { id: support.id }, "fullAccess");
    expect(await recordMailboxOpen(t.db, actor, access)).toBe(true);
    expect(await recordMailboxOpen(t.db, actor, access)).toBe(false);
    expect(await recordMailboxOpen(t.db, actor, access)).toBe(false);
    const b = actorOf(guide, "session-b");
    expect(await recordMailboxOpen(t.db, b, access)).toBe(true);
    expect(await opens(support, guide)).toEqual([
      { sessionId: "session-a", actorAddress: guide.address, details: { rights: ["fullAccess"] } },
      { sessionId: "session-b", actorAddress: guide.address, details: { rights: ["fullAccess"] } },
    ]);
  });

  it("records nothing for the owner of a mailbox", async () => {
    const actor = actorOf(guide, "own-session");
    const access = await requireMailboxRight(t.db, actor, { id: guide.id }, "fullAccess");
    expect(await recordMailboxOpen(t.db, actor, access)).toBe(false);
    expect(await opens(guide)).toEqual([]);
  });

  it("records a delegate opening another user's mailbox too", async () => {
    const boss = await createUser(t.db, org);
    await delegate(t.db, boss, guide, { fullAccess: true });
    const actor = actorOf(guide, "session-boss");
    const access = await requireMailboxRight(t.db, actor, { id: boss.id }, "fullAccess");
    expect(await recordMailboxOpen(t.db, actor, access)).toBe(true);
    expect(await opens(boss)).toHaveLength(1);
  });

  it.runIf(testDriver === "postgres")("writes one event when requests of one session race", async () => {
    const box = await createShared(t.db, org);
    await delegate(t.db, box, guide, { fullAccess: true });
    const actor = actorOf(guide, "racing-session");
    const access = await requireMailboxRight(t.db, actor, { id: box.id }, "fullAccess");
    const results = await Promise.all(Array.from({ length: 10 }, () => recordMailboxOpen(t.db, actor, access)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await opens(box)).toHaveLength(1);
  });
});

describe("a mailbox's trail", () => {
  it("is readable by its delegates with any right alone, and by its owner", async () => {
    const box = await createShared(t.db, org);
    const readers: Account[] = [];
    for (const right of ["fullAccess", "sendAs", "sendOnBehalf"] as const) {
      const user = await createUser(t.db, org);
      await delegate(t.db, box, user, { [right]: true });
      readers.push(user);
    }
    await recordAudit(t.db, {
      orgId: org.id,
      actor: { id: readers[0]!.id, address: readers[0]!.address },
      mailbox: { id: box.id, address: box.address },
      action: "mailbox.open",
    });
    for (const reader of readers) {
      const trail = await listMailboxTrail(t.db, actorOf(reader), { address: box.address }, null);
      expect(trail.events.map((e) => e.action)).toEqual(["mailbox.open"]);
    }
    const owner = await createUser(t.db, org);
    expect((await listMailboxTrail(t.db, actorOf(owner), { id: owner.id }, null)).events).toEqual([]);
  });

  it("is not found for a stranger, an admin, another organisation and an unknown address", async () => {
    const colleague = await createUser(t.db, org);
    const admin = await createUser(t.db, org, { role: "admin" });
    const foreigner = await createUser(t.db, await createOrg(t.db));
    for (const who of [colleague, admin, foreigner]) {
      await expect(listMailboxTrail(t.db, actorOf(who), { address: support.address }, null)).rejects.toMatchObject({
        code: "notFound",
      });
      await expect(listMailboxTrail(t.db, actorOf(who), { address: guide.address }, null)).rejects.toMatchObject({
        code: "notFound",
      });
    }
    await expect(
      listMailboxTrail(t.db, actorOf(guide), { address: `nobody@${org.domain}` }, null),
    ).rejects.toMatchObject({ code: "notFound" });
  });

  it("is not found on the next request once the delegation is revoked", async () => {
    const user = await createUser(t.db, org);
    const grant = await delegate(t.db, support, user, { sendOnBehalf: true });
    await listMailboxTrail(t.db, actorOf(user), { address: support.address }, null);
    await t.db.delete(delegations).where(eq(delegations.id, grant.id));
    await expect(listMailboxTrail(t.db, actorOf(user), { address: support.address }, null)).rejects.toMatchObject({
      code: "notFound",
    });
  });

  it("pages newest first by keyset, events of one transaction included", async () => {
    const box = await createShared(t.db, org);
    await delegate(t.db, box, guide, { fullAccess: true });
    // 7 events written in one transaction share one timestamp: the id breaks the tie
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 7; i++) {
        await recordAudit(tx, {
          orgId: org.id,
          actor: { id: guide.id, address: guide.address },
          mailbox: { id: box.id, address: box.address },
          action: "message.move",
          details: { n: i },
        });
      }
    });
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listMailboxTrail>> = await listMailboxTrail(
        t.db,
        actorOf(guide),
        { id: box.id },
        decodeTrailCursor(cursor),
        3,
      );
      seen.push(...page.events.map((e) => e.details.n));
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect(decodeTrailCursor("garbage")).toBeNull();
  });
});
