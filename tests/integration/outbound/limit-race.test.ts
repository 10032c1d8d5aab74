import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations, outboundMessages } from "../../../db/schema";
import { DomainError } from "../../../lib/errors";
import { startSubmission, type RunningSubmission } from "../../../servers/submission/server";
import { createOrg, createUser, TEST_PASSWORD } from "../../support/factories";
import { testDriver, useTestDb } from "../../support/test-db";
import { send } from "./helpers";

/**
 * Sends racing at the hourly limit, each in its own transaction on its own connection. PGlite runs
 * transactions one after the other, so the race exists on PostgreSQL only (TEST_DATABASE_URL).
 */
const t = useTestDb();
const onPostgres = testDriver === "postgres";

async function orgWithLimit(limit: number) {
  const org = await createOrg(t.db);
  await t.db.update(organizations).set({ sendLimitPerHour: limit }).where(eq(organizations.id, org.id));
  return org;
}

const queuedFor = async (accountId: string) =>
  (await t.db.select().from(outboundMessages).where(eq(outboundMessages.accountId, accountId))).length;

describe.skipIf(!onPostgres)("the hourly limit under concurrent sends (PostgreSQL only)", () => {
  let server: RunningSubmission;
  beforeAll(async () => {
    server = await startSubmission(t.db, { port: 0, host: "127.0.0.1", tls: "none", maxSizeBytes: 1024 * 1024 });
  });
  afterAll(() => server.close());

  it("webmail: of 12 sends at once with a limit of 8, exactly 8 pass and 4 get the limit error", async () => {
    const org = await orgWithLimit(8);
    const alice = await createUser(t.db, org, { local: "alice" });
    const settled = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => send(t.db, alice, { to: `r${i}@far-away.test`, subject: `race ${i}` })),
    );
    const refused = settled.flatMap((s) => (s.status === "rejected" ? [s.reason] : []));
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(8);
    expect(refused).toHaveLength(4);
    for (const e of refused) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toMatchObject({ code: "sendLimitReached", values: { limit: 8, left: 0 } });
    }
    expect(await queuedFor(alice.id)).toBe(8);
  });

  it("counts recipients, not messages: two 3-recipient sends at once under a limit of 4, one passes", async () => {
    const org = await orgWithLimit(4);
    const bob = await createUser(t.db, org, { local: "bob" });
    const settled = await Promise.allSettled(
      [0, 1].map((i) => send(t.db, bob, { to: `a${i}@x.test, b${i}@x.test, c${i}@x.test`, subject: `three ${i}` })),
    );
    expect(settled.map((s) => s.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = settled.find((s) => s.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "sendLimitReached", values: { left: 1 } });
  });

  it("submission: of 7 clients at once with a limit of 5, exactly 5 get 250 and 2 the limit's 451 4.7.1", async () => {
    const org = await orgWithLimit(5);
    const carol = await createUser(t.db, org, { local: "carol" });
    const settled = await Promise.allSettled(
      Array.from({ length: 7 }, (_, i) =>
        nodemailer
          .createTransport({
            host: "127.0.0.1",
            port: server.port,
            secure: false,
            ignoreTLS: true,
            auth: { user: carol.address, pass: TEST_PASSWORD },
          })
          .sendMail({ from: carol.address, to: `s${i}@far-away.test`, subject: `client ${i}` }),
      ),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(5);
    const refused = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as { response: string }] : []));
    expect(refused).toHaveLength(2);
    for (const e of refused) {
      expect(e.response).toMatch(
        new RegExp(`^451 4\\.7\\.1 Hourly limit of 5 outside recipients reached for ${carol.address}`),
      );
    }
    expect(await queuedFor(carol.id)).toBe(5);
  });
});
