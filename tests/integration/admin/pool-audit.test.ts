import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, GIB, organizations, type Account } from "../../../db/schema";
import { listAuditEvents } from "../../../lib/admin/audit/list-audit-events";
import { getPool } from "../../../lib/admin/pool/get-pool";
import { updatePoolRule } from "../../../lib/admin/pool/update-pool-rule";
import { recordAudit } from "../../../lib/audit/record-audit";
import { refusal } from "../../support/domain-error";
import { createOrg, createShared, createUser } from "../../support/factories";
import { actorOf } from "../../support/session";
import { useTestDb } from "../../support/test-db";

const t = useTestDb();

describe("the organisation's pool rule", () => {
  let org: Awaited<ReturnType<typeof createOrg>>;
  let admin: Account;
  beforeAll(async () => {
    org = await createOrg(t.db, { poolBytes: 10 * GIB });
    admin = await createUser(t.db, org, { role: "admin" });
    await createUser(t.db, org);
    await createUser(t.db, org);
    await createShared(t.db, org, { quotaBytes: 4 * GIB });
  });

  it("starts fixed at 10 GB and reports what is allocated and free", async () => {
    expect(await getPool(t.db, actorOf(admin))).toMatchObject({
      rule: "fixed",
      poolBytes: 10 * GIB,
      totalBytes: 10 * GIB,
      allocatedBytes: 4 * GIB,
      freeBytes: 6 * GIB,
      userCount: 3,
      sharedCount: 1,
    });
  });

  it("switches to a size per user mailbox, and audits the change", async () => {
    const pool = await updatePoolRule(t.db, actorOf(admin), { rule: "per_user", poolBytes: 2 * GIB });
    expect(pool).toMatchObject({ rule: "per_user", totalBytes: 6 * GIB, freeBytes: 2 * GIB });
    expect(await getPool(t.db, actorOf(admin))).toMatchObject({
      rule: "per_user",
      poolBytes: 2 * GIB,
      totalBytes: 6 * GIB,
    });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.orgId, org.id));
    expect(events.find((e) => e.action === "org.pool")?.details).toMatchObject({
      from: { rule: "fixed", poolBytes: 10 * GIB },
      to: { rule: "per_user", poolBytes: 2 * GIB },
    });
  });

  it("refuses a pool smaller than what is allocated, with both figures", async () => {
    expect(await refusal(updatePoolRule(t.db, actorOf(admin), { rule: "per_user", poolBytes: GIB }))).toEqual({
      code: "poolBelowAllocated",
      fieldErrors: { size: ["poolBelowAllocated"] },
      values: { allocatedBytes: 4 * GIB, totalBytes: 3 * GIB },
    });
    expect((await refusal(updatePoolRule(t.db, actorOf(admin), { rule: "fixed", poolBytes: 3 * GIB }))).code).toBe(
      "poolBelowAllocated",
    );
    // exactly what is allocated is fine
    await updatePoolRule(t.db, actorOf(admin), { rule: "fixed", poolBytes: 4 * GIB });
    expect((await getPool(t.db, actorOf(admin))).freeBytes).toBe(0);
  });

  it("is for the admins of the organisation only", async () => {
    const plain = await createUser(t.db, org);
    expect((await refusal(updatePoolRule(t.db, actorOf(plain), { rule: "fixed", poolBytes: 100 * GIB }))).code).toBe(
      "noAccess",
    );
    expect((await refusal(getPool(t.db, actorOf(plain)))).code).toBe("noAccess");
    const otherAdmin = await createUser(t.db, await createOrg(t.db), { role: "admin" });
    await updatePoolRule(t.db, actorOf(otherAdmin), { rule: "fixed", poolBytes: 50 * GIB });
    const [mine] = await t.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(mine!.poolBytes).toBe(4 * GIB);
  });
});

describe("the audit trail page", () => {
  let org: Awaited<ReturnType<typeof createOrg>>;
  let admin: Account;
  let other: Account;
  beforeAll(async () => {
    org = await createOrg(t.db);
    admin = await createUser(t.db, org, { role: "admin", local: "admin" });
    other = await createUser(t.db, org, { role: "admin", local: "other" });
    const box = { id: "00000000-0000-4000-8000-000000000001", address: `box@${org.domain}` };
    // 7 events inside one transaction: same timestamp to the microsecond
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 7; i++) {
        await recordAudit(tx, {
          orgId: org.id,
          actor: admin,
          mailbox: i % 2 ? box : null,
          action: i < 4 ? "shared.update" : "user.create",
          details: { i },
        });
      }
    });
    for (let i = 7; i < 10; i++) {
      await recordAudit(t.db, {
        orgId: org.id,
        actor: other,
        mailbox: box,
        action: "delegation.grant",
        details: { i },
      });
    }
    const stranger = await createUser(t.db, await createOrg(t.db), { role: "admin" });
    await recordAudit(t.db, {
      orgId: stranger.orgId,
      actor: stranger,
      mailbox: box,
      action: "shared.update",
      details: { i: 99 },
    });
  });

  async function all(filter: Parameters<typeof listAuditEvents>[2], limit: number) {
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(t.db, actorOf(admin), {
        ...filter,
        after,
        limit,
      });
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      seen.push(...page.rows.map((r) => r.details.i as number));
      after = page.next;
    } while (after);
    return seen;
  }

  it("pages newest first through every event once, even within one instant", async () => {
    const seen = await all({}, 3);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect(seen.slice(0, 3).sort()).toEqual([7, 8, 9]);
    expect(seen).not.toContain(99);
  });

  it("filters by mailbox, actor and action, case-insensitively for addresses", async () => {
    expect((await all({ mailbox: `BOX@${org.domain}` }, 2)).sort((a, b) => a - b)).toEqual([1, 3, 5, 7, 8, 9]);
    expect((await all({ actor: other.address.toUpperCase() }, 2)).sort()).toEqual([7, 8, 9]);
    expect((await all({ action: "user.create" }, 2)).sort()).toEqual([4, 5, 6]);
    expect(
      (await all({ action: "shared.update", mailbox: `box@${org.domain}`, actor: admin.address }, 5)).sort(),
    ).toEqual([1, 3]);
  });

  it("ignores a forged cursor rather than failing", async () => {
    const page = await listAuditEvents(t.db, actorOf(admin), { after: "bm90LWEtY3Vyc29y" });
    expect(page.rows).toHaveLength(10);
  });

  it("is for admins only", async () => {
    const plain = await createUser(t.db, org);
    expect((await refusal(listAuditEvents(t.db, actorOf(plain)))).code).toBe("noAccess");
  });
});
