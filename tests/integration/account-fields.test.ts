import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { addressSchema, displayNameSchema, localPartSchema } from "../../lib/accounts/account-fields";
import { newUserSchema } from "../../lib/admin/schemas";
import { createUser } from "../../lib/admin/users/create-user";
import type { DomainError } from "../../lib/errors";
import { createAdmin } from "../../lib/setup/accounts";
import { createOrganization } from "../../lib/setup/organizations";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * One rule per field, whoever asks: the admin form (newUserSchema), the command line (createAdmin)
 * and the shared schemas answer the same inputs the same way; one creation path, one audit name.
 */
const t = useTestDb();
const PASSWORD = "Correct-horse-9";
let orgId: string;

const adminFormError = (fields: Record<string, string>, field: string) => {
  const result = newUserSchema.safeParse({
    localPart: "ok",
    domain: "fields.test",
    displayName: "Someone",
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    quota: "1",
    ...fields,
  });
  return result.success ? null : (result.error.issues.find((i) => i.path[0] === field)?.message ?? null);
};

const commandLineError = (fields: { address?: string; displayName?: string }, field: string) =>
  createAdmin(t.db, {
    organization: "fields.test",
    address: "ok@fields.test",
    displayName: "Someone",
    password: PASSWORD,
    ...fields,
  }).then(
    () => null,
    (e: DomainError) => e.fieldErrors?.[field]?.[0] ?? e.code,
  );

beforeAll(async () => {
  const org = await createOrganization(t.db, { name: "Fields", domains: ["fields.test"] });
  orgId = org.id;
});

describe("one schema per concept", () => {
  it("counts a local part's 64 octets in UTF-8 bytes, in the form and on the command line", async () => {
    const wide = "é".repeat(33); // 33 UTF-16 units, 66 bytes
    expect(localPartSchema.safeParse(wide).success).toBe(false);
    expect(adminFormError({ localPart: wide }, "localPart")).toBe("localPartTooLong");
    expect(await commandLineError({ address: `${wide}@fields.test` }, "address")).toBe("localPartTooLong");
    expect(localPartSchema.safeParse("a".repeat(64)).success).toBe(true);
  });

  it("refuses the same display names everywhere (C1 controls, line separators)", async () => {
    for (const name of ["Bad\u0085name", "Line\u2028sep", "Tab\there"]) {
      expect(displayNameSchema.safeParse(name).success, name).toBe(false);
      expect(adminFormError({ displayName: name }, "displayName"), name).toBe("controlCharacters");
      expect(await commandLineError({ displayName: name }, "displayName"), name).toBe("controlCharacters");
    }
  });

  it("splits an address by the local-part and domain rules", () => {
    expect(addressSchema.parse(" Boss@Fields.Test ")).toEqual({
      address: "boss@fields.test",
      localPart: "boss",
      domain: "fields.test",
    });
    expect(addressSchema.safeParse("no-at-sign").error?.issues[0]?.message).toBe("invalidAddress");
    expect(addressSchema.safeParse("a..b@fields.test").error?.issues[0]?.message).toBe("localPartInvalid");
  });
});

describe("one user creation", () => {
  it("the admin area and the command line write the same audit event", async () => {
    const first = await createAdmin(t.db, {
      organization: "fields.test",
      address: "first@fields.test",
      displayName: "First",
      password: PASSWORD,
    });
    const second = await createUser(t.db, actorOf(first), {
      localPart: "second",
      domain: "fields.test",
      displayName: "Second",
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      quotaBytes: 1024 ** 3,
      admin: false,
    });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId));
    const creations = events.filter((e) => e.mailboxId === first.id || e.mailboxId === second.id);
    expect(creations.map((e) => e.action)).toEqual(["user.create", "user.create"]);
    expect(creations.map((e) => e.actorAddress).sort()).toEqual(["command line", first.address].sort());
  });
});
