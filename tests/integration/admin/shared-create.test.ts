import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, folders, GIB, type Account } from "../../../db/schema";
import { createSharedMailbox } from "../../../lib/admin/shared/create-shared-mailbox";
import { reviewSharedMailbox } from "../../../lib/admin/shared/review-shared-mailbox";
import { newSharedMailboxSchema, type NewSharedMailboxInput } from "../../../lib/admin/schemas";
import { refusal } from "../../support/domain-error";
import { createOrg, createShared, createUser } from "../../support/factories";
import { actorOf } from "../../support/session";
import { useTestDb } from "../../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let other: Awaited<ReturnType<typeof createOrg>>;
let admin: Account;

beforeAll(async () => {
  org = await createOrg(t.db, { poolBytes: 10 * GIB });
  other = await createOrg(t.db);
  admin = await createUser(t.db, org, { role: "admin", local: "admin" });
});

const input = (over: Partial<NewSharedMailboxInput> = {}): NewSharedMailboxInput => ({
  localPart: `box-${Math.random().toString(36).slice(2, 8)}`,
  domain: org.domain,
  displayName: "Support",
  quotaBytes: GIB,
  hidden: false,
  ...over,
});

const parse = (fields: Record<string, string>) =>
  newSharedMailboxSchema.safeParse({ localPart: "ok", domain: org.domain, displayName: "X", quota: "1", ...fields });
const firstError = (fields: Record<string, string>, field: string) => {
  const parsed = parse(fields);
  return parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === field)?.message;
};

describe("the create form's fields (R1)", () => {
  it("takes a dot-atom local part of at most 64 octets, stored lower-case", () => {
    expect(parse({ localPart: "Support.Team-2" }).data?.localPart).toBe("support.team-2");
    expect(parse({ localPart: "o'brien+x" }).success).toBe(true);
    expect(firstError({ localPart: "a".repeat(65) }, "localPart")).toBe("localPartTooLong");
    expect(parse({ localPart: "a".repeat(64) }).success).toBe(true);
    for (const bad of [".lead", "trail.", "two..dots", "sp ace", "a@b", 'quo"te', "é", "(x)"]) {
      expect(firstError({ localPart: bad }, "localPart"), bad).toBe("localPartInvalid");
    }
    expect(firstError({ localPart: "  " }, "localPart")).toBe("required");
  });

  it("wants a positive quota in GB, with a comma or a dot", () => {
    expect(parse({ quota: "1,5" }).data?.quotaBytes).toBe(1.5 * GIB);
    expect(parse({ quota: "0.5" }).data?.quotaBytes).toBe(GIB / 2);
    expect(firstError({ quota: "0" }, "quota")).toBe("quotaPositive");
    expect(firstError({ quota: "-1" }, "quota")).toBe("quotaInvalid");
    expect(firstError({ quota: "lots" }, "quota")).toBe("quotaInvalid");
    expect(firstError({ quota: "" }, "quota")).toBe("required");
    expect(firstError({ quota: "1e3" }, "quota")).toBe("quotaInvalid");
  });

  it("wants a display name with no control characters", () => {
    expect(firstError({ displayName: "" }, "displayName")).toBe("required");
    expect(firstError({ displayName: "Sup\r\nBcc: x" }, "displayName")).toBe("controlCharacters");
    expect(firstError({ displayName: "Tab\there" }, "displayName")).toBe("controlCharacters");
    expect(firstError({ displayName: "Line\u2028sep" }, "displayName")).toBe("controlCharacters");
    expect(parse({ displayName: "Équipe « Support »" }).success).toBe(true);
  });
});

describe("creating a shared mailbox (R1)", () => {
  it("summarises without writing, then creates it with its folders and an audit event", async () => {
    const actor = actorOf(admin);
    const wanted = input({ localPart: "contact", displayName: "Contact Example", quotaBytes: 2 * GIB, hidden: true });
    const summary = await reviewSharedMailbox(t.db, actor, wanted);
    expect(summary).toMatchObject({
      address: `contact@${org.domain}`,
      displayName: "Contact Example",
      quotaBytes: 2 * GIB,
      hidden: true,
      pool: { totalBytes: 10 * GIB, allocatedBytes: 0, freeBytes: 10 * GIB, freeAfterBytes: 8 * GIB },
    });
    expect(await t.db.select().from(accounts).where(eq(accounts.address, summary.address))).toHaveLength(0);

    const created = await createSharedMailbox(t.db, actor, wanted);
    expect(created).toMatchObject({
      kind: "shared",
      passwordHash: null,
      role: "user",
      hiddenFromDirectory: true,
      saveSentCopy: true,
    });
    const kinds = (
      await t.db.select({ kind: folders.kind }).from(folders).where(eq(folders.accountId, created.id))
    ).map((f) => f.kind);
    expect(kinds.sort()).toEqual(["archive", "deleted", "drafts", "inbox", "junk", "sent"]);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.mailboxId, created.id), eq(auditEvents.action, "shared.create")));
    expect(event).toMatchObject({ actorAddress: admin.address, mailboxAddress: created.address, orgId: org.id });
  });

  it("refuses an address that exists, whatever its case, and any kind of account", async () => {
    const actor = actorOf(admin);
    const user = await createUser(t.db, org, { local: "camille" });
    for (const localPart of ["CONTACT", "contact", "Camille"]) {
      const review = await refusal(reviewSharedMailbox(t.db, actor, input({ localPart: localPart.toLowerCase() })));
      expect(review).toMatchObject({ code: "addressTaken", fieldErrors: { localPart: ["addressTaken"] } });
      const create = await refusal(createSharedMailbox(t.db, actor, input({ localPart: localPart.toLowerCase() })));
      expect(create.code).toBe("addressTaken");
    }
    expect(user.address).toBe(`camille@${org.domain}`);
  });

  it("refuses a domain that is not the organisation's", async () => {
    const actor = actorOf(admin);
    for (const domain of [other.domain, "nowhere.test"]) {
      expect(await refusal(createSharedMailbox(t.db, actor, input({ domain })))).toMatchObject({
        code: "unknownDomain",
        fieldErrors: { domain: ["unknownDomain"] },
      });
    }
    // the organisation's domain is accepted in any case
    const made = await createSharedMailbox(t.db, actor, input({ domain: org.domain.toUpperCase() }));
    expect(made.address.endsWith(`@${org.domain}`)).toBe(true);
  });

  it("refuses a quota beyond the free pool, saying how much is free", async () => {
    const small = await createOrg(t.db, { poolBytes: 3 * GIB });
    const boss = actorOf(await createUser(t.db, small, { role: "admin" }));
    await createShared(t.db, small, { quotaBytes: 2 * GIB });
    const tooMuch = { ...input({ domain: small.domain }), quotaBytes: 1.5 * GIB };
    expect(await refusal(reviewSharedMailbox(t.db, boss, tooMuch))).toEqual({
      code: "poolExceeded",
      fieldErrors: { quota: ["poolExceeded"] },
      values: { freeBytes: GIB },
    });
    expect((await refusal(createSharedMailbox(t.db, boss, tooMuch))).code).toBe("poolExceeded");
    // exactly what is left fits
    await createSharedMailbox(t.db, boss, { ...tooMuch, quotaBytes: GIB });
    const [sum] = await t.db
      .select({ total: sql<number>`sum(${accounts.quotaBytes})`.mapWith(Number) })
      .from(accounts)
      .where(and(eq(accounts.orgId, small.id), eq(accounts.kind, "shared")));
    expect(sum!.total).toBe(3 * GIB);
  });

  it("counts the pool per user mailbox under that rule", async () => {
    const perUser = await createOrg(t.db, { poolBytes: GIB });
    await t.db.execute(sql`update organizations set pool_rule = 'per_user' where id = ${perUser.id}`);
    const boss = actorOf(await createUser(t.db, perUser, { role: "admin" }));
    await createUser(t.db, perUser);
    const review = await reviewSharedMailbox(t.db, boss, { ...input({ domain: perUser.domain }), quotaBytes: 2 * GIB });
    expect(review.pool.totalBytes).toBe(2 * GIB);
    expect(
      (await refusal(createSharedMailbox(t.db, boss, { ...input({ domain: perUser.domain }), quotaBytes: 3 * GIB })))
        .code,
    ).toBe("poolExceeded");
  });

  it("refuses anyone but an admin, and writes nothing", async () => {
    const user = actorOf(await createUser(t.db, org));
    expect((await refusal(reviewSharedMailbox(t.db, user, input()))).code).toBe("noAccess");
    expect((await refusal(createSharedMailbox(t.db, user, input({ localPart: "sneaky" })))).code).toBe("noAccess");
    expect(
      await t.db
        .select()
        .from(accounts)
        .where(eq(accounts.address, `sneaky@${org.domain}`)),
    ).toHaveLength(0);
  });

  it("creates in the admin's own organisation only", async () => {
    const otherAdmin = actorOf(await createUser(t.db, other, { role: "admin" }));
    expect((await refusal(createSharedMailbox(t.db, otherAdmin, input({ localPart: "intrude" })))).code).toBe(
      "unknownDomain",
    );
  });
});
