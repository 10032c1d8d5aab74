import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditEvents, folders, GIB } from "../../db/schema";
import { verifySignIn } from "../../lib/auth/sign-in";
import { DomainError } from "../../lib/errors";
import { createAdmin, listMailboxes } from "../../lib/setup/accounts";
import { createOrganization, findOrganization, listOrganizations } from "../../lib/setup/organizations";
import { parseSize } from "../../lib/setup/sizes";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
const PASSWORD = "Premier-admin-2026";

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: DomainError) => ({ code: e.code, fields: e.fieldErrors }),
  );

describe("set-up from an empty database", () => {
  it("creates an organisation, its first admin, who can then sign in", async () => {
    expect(await listOrganizations(t.db)).toEqual([]);
    const org = await createOrganization(t.db, {
      name: "Cabinet Lefèvre",
      domains: ["Lefevre-Avocats.fr", "lefevre.test"],
      poolRule: "per_user",
      poolBytes: 5 * GIB,
    });
    expect(org).toMatchObject({
      name: "Cabinet Lefèvre",
      poolRule: "per_user",
      poolBytes: 5 * GIB,
      domains: ["lefevre-avocats.fr", "lefevre.test"],
    });
    expect((await findOrganization(t.db, "LEFEVRE.test")).id).toBe(org.id);
    expect((await findOrganization(t.db, org.id)).domains).toEqual(["lefevre-avocats.fr", "lefevre.test"]);

    const admin = await createAdmin(t.db, {
      organization: "lefevre.test",
      address: "Marie@Lefevre-Avocats.fr",
      displayName: "Marie Lefèvre",
      password: PASSWORD,
    });
    expect(admin).toMatchObject({
      address: "marie@lefevre-avocats.fr",
      role: "admin",
      kind: "standard",
      quotaBytes: 2 * GIB,
    });
    expect(admin.passwordHash).not.toContain(PASSWORD);
    const kinds = await t.db.select({ kind: folders.kind }).from(folders).where(eq(folders.accountId, admin.id));
    expect(kinds.map((k) => k.kind).sort()).toEqual(["archive", "deleted", "drafts", "inbox", "junk", "sent"]);

    const signIn = await verifySignIn(t.db, {
      address: "marie@lefevre-avocats.fr",
      password: PASSWORD,
      client: "127.0.0.1",
    });
    expect(signIn).toMatchObject({ ok: true, account: { role: "admin", orgId: org.id } });

    expect(await listOrganizations(t.db)).toMatchObject([{ id: org.id, users: 1, admins: 1, shared: 0 }]);
    expect(await listMailboxes(t.db, "lefevre.test")).toMatchObject([
      { address: "marie@lefevre-avocats.fr", role: "admin" },
    ]);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.orgId, org.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["organization.create", "user.create"]);
    expect(audit.every((a) => a.actorAddress === "command line" && a.actorId === null)).toBe(true);
  });

  it("refuses bad organisations with a reason per field, and writes nothing", async () => {
    expect(await failure(createOrganization(t.db, { name: "", domains: [] }))).toMatchObject({
      code: "invalid",
      fields: { name: ["required"], domains: ["domainRequired"] },
    });
    expect(await failure(createOrganization(t.db, { name: "X", domains: ["not a domain"] }))).toMatchObject({
      fields: { "domains.0": ["invalidDomain"] },
    });
    expect(await failure(createOrganization(t.db, { name: "X", domains: ["a.test", "A.test"] }))).toMatchObject({
      fields: { domains: ["domainRepeated"] },
    });
    expect(
      await failure(
        createOrganization(t.db, { name: "X", domains: ["x.test"], warnPercent: 96, sendBlockPercent: 95 }),
      ),
    ).toMatchObject({
      fields: { thresholds: ["thresholdsOrder"] },
    });
    await createOrganization(t.db, { name: "First", domains: ["first.test"] });
    const before = (await listOrganizations(t.db)).length;
    expect(
      await failure(createOrganization(t.db, { name: "Second", domains: ["second.test", "FIRST.test"] })),
    ).toMatchObject({ code: "domainTaken" });
    expect((await listOrganizations(t.db)).length).toBe(before);
  });

  it("refuses a weak password, a foreign domain, a taken address and an unknown organisation", async () => {
    await createOrganization(t.db, { name: "Third", domains: ["third.test"] });
    const base = { organization: "third.test", address: "boss@third.test", displayName: "Boss", password: PASSWORD };
    expect(await failure(createAdmin(t.db, { ...base, password: "short" }))).toMatchObject({
      fields: { password: ["passwordTooShort"] },
    });
    expect(await failure(createAdmin(t.db, { ...base, password: "alllowercaseletters" }))).toMatchObject({
      fields: { password: ["passwordTooSimple"] },
    });
    expect(await failure(createAdmin(t.db, { ...base, address: "boss@first.test" }))).toMatchObject({
      code: "unknownDomain",
    });
    expect(await failure(createAdmin(t.db, { ...base, address: "bad..dots@third.test" }))).toMatchObject({
      fields: { address: ["localPartInvalid"] },
    });
    expect(await failure(createAdmin(t.db, { ...base, displayName: "Bad\nname" }))).toMatchObject({
      fields: { displayName: ["controlCharacters"] },
    });
    expect(await failure(createAdmin(t.db, { ...base, organization: "nowhere.test" }))).toMatchObject({
      code: "unknownOrganization",
    });
    await createAdmin(t.db, base);
    expect(await failure(createAdmin(t.db, { ...base, address: "BOSS@third.test" }))).toMatchObject({
      code: "addressTaken",
    });
    const rows = await t.db.select().from(accounts).where(eq(accounts.address, "boss@third.test"));
    expect(rows).toHaveLength(1);
  });

  it("reads sizes as the command line takes them", () => {
    expect(parseSize("10GiB")).toBe(10 * GIB);
    expect(parseSize("2G")).toBe(2 * GIB);
    expect(parseSize("500 MB")).toBe(500_000_000);
    expect(parseSize("1,5 GiB")).toBe(1.5 * GIB);
    expect(parseSize("12")).toBe(12);
    expect(parseSize("ten")).toBeNull();
    expect(parseSize("5 parsecs")).toBeNull();
  });
});
