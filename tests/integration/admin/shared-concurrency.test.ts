import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, GIB, type Account } from "../../../db/schema";
import { createSharedMailbox } from "../../../lib/admin/shared/create-shared-mailbox";
import { updateSharedMailbox } from "../../../lib/admin/shared/update-shared-mailbox";
import { DomainError } from "../../../lib/errors";
import { createOrg, createShared, createUser } from "../../support/factories";
import { actorOf } from "../../support/session";
import { testDriver, useTestDb } from "../../support/test-db";

/**
 * Racing admins, in parallel transactions on their own connections. PGlite has one connection
 * and runs transactions one after the other, so a race there proves nothing: these run on
 * PostgreSQL only (TEST_DATABASE_URL).
 */
const t = useTestDb();
const onPostgres = testDriver === "postgres";

async function outcomes(calls: Promise<unknown>[]) {
  const settled = await Promise.allSettled(calls);
  const codes = settled.map((s) =>
    s.status === "fulfilled" ? "ok" : s.reason instanceof DomainError ? s.reason.code : `error: ${String(s.reason)}`,
  );
  return { ok: codes.filter((c) => c === "ok").length, codes };
}

const sharedSum = async (orgId: string) => {
  const [row] = await t.db
    .select({
      total: sql<number>`coalesce(sum(${accounts.quotaBytes}), 0)`.mapWith(Number),
      n: sql<number>`count(*)`.mapWith(Number),
    })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.kind, "shared")));
  return row!;
};

describe.skipIf(!onPostgres)(
  "racing for the pool (PostgreSQL only: PGlite cannot run transactions in parallel)",
  () => {
    let org: Awaited<ReturnType<typeof createOrg>>;
    let admins: Account[];

    beforeAll(async () => {
      org = await createOrg(t.db, { poolBytes: 10 * GIB });
      admins = [await createUser(t.db, org, { role: "admin" }), await createUser(t.db, org, { role: "admin" })];
    });

    it("lets exactly 10 of 20 parallel creations through a pool that fits 10", async () => {
      const result = await outcomes(
        Array.from({ length: 20 }, (_, i) =>
          createSharedMailbox(t.db, actorOf(admins[i % 2]!), {
            localPart: `race-${i}`,
            domain: org.domain,
            displayName: `Race ${i}`,
            quotaBytes: GIB,
            hidden: false,
          }),
        ),
      );
      expect(result.ok).toBe(10);
      expect(result.codes.filter((c) => c !== "ok")).toEqual(Array(10).fill("poolExceeded"));
      expect(await sharedSum(org.id)).toEqual({ total: 10 * GIB, n: 10 });
    });

    it("lets one of two parallel creations of the same address through", async () => {
      const fresh = await createOrg(t.db);
      const boss = await createUser(t.db, fresh, { role: "admin" });
      const make = (name: string) =>
        createSharedMailbox(t.db, actorOf(boss), {
          localPart: "same",
          domain: fresh.domain,
          displayName: name,
          quotaBytes: GIB,
          hidden: false,
        });
      const result = await outcomes([make("One"), make("Two"), make("Three")]);
      expect(result.ok).toBe(1);
      expect(result.codes.filter((c) => c !== "ok")).toEqual(["addressTaken", "addressTaken"]);
      expect((await sharedSum(fresh.id)).n).toBe(1);
    });

    it("never overshoots when resizes race with creations", async () => {
      const fresh = await createOrg(t.db, { poolBytes: 4 * GIB });
      const boss = actorOf(await createUser(t.db, fresh, { role: "admin" }));
      const a = await createShared(t.db, fresh, { quotaBytes: GIB });
      const b = await createShared(t.db, fresh, { quotaBytes: GIB });
      const grow = (box: Account) =>
        updateSharedMailbox(t.db, boss, {
          id: box.id,
          displayName: box.displayName,
          quotaBytes: 2 * GIB,
          hidden: false,
          saveSentCopy: true,
          deleteProtection: false,
          readPerPerson: false,
        });
      const make = (i: number) =>
        createSharedMailbox(t.db, boss, {
          localPart: `grow-${i}`,
          domain: fresh.domain,
          displayName: "x",
          quotaBytes: GIB,
          hidden: false,
        });
      await outcomes([grow(a), make(1), grow(b), make(2)]);
      expect((await sharedSum(fresh.id)).total).toBeLessThanOrEqual(4 * GIB);
    });
  },
);
