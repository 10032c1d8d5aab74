import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { delegations, type Account } from "../../db/schema";
import { getMailboxAccess, requireMailboxRight, type MailboxRight } from "../../lib/access/mailbox-access";
import { createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
const RIGHTS: MailboxRight[] = ["fullAccess", "sendAs", "sendOnBehalf"];

let owner: Account;
let colleague: Account;
let stranger: Account;
let admin: Account;
let shared: Account;

beforeAll(async () => {
  const org = await createOrg(t.db);
  const other = await createOrg(t.db);
  owner = await createUser(t.db, org);
  colleague = await createUser(t.db, org);
  admin = await createUser(t.db, org, { role: "admin" });
  stranger = await createUser(t.db, other);
  shared = await createShared(t.db, org);
});

async function allowed(actor: Account, mailbox: Account) {
  const result: Record<string, boolean> = {};
  for (const right of RIGHTS) {
    result[right] = await requireMailboxRight(t.db, actorOf(actor), { id: mailbox.id }, right).then(
      () => true,
      () => false,
    );
  }
  return result;
}

describe("the one access check (R12)", () => {
  it("gives the owner full access and Send As on their own mailbox", async () => {
    expect(await allowed(owner, owner)).toEqual({ fullAccess: true, sendAs: true, sendOnBehalf: false });
  });

  it("refuses another user of the same organisation", async () => {
    expect(await allowed(colleague, owner)).toEqual({ fullAccess: false, sendAs: false, sendOnBehalf: false });
  });

  it("does not even find a mailbox of another organisation", async () => {
    expect(await getMailboxAccess(t.db, actorOf(stranger), { id: owner.id })).toBeNull();
    expect(await getMailboxAccess(t.db, actorOf(stranger), { address: shared.address })).toBeNull();
    expect(await allowed(stranger, shared)).toEqual({ fullAccess: false, sendAs: false, sendOnBehalf: false });
  });

  it("gives an admin no mail access by the role alone", async () => {
    expect(await allowed(admin, owner)).toEqual({ fullAccess: false, sendAs: false, sendOnBehalf: false });
    expect(await allowed(admin, shared)).toEqual({ fullAccess: false, sendAs: false, sendOnBehalf: false });
  });

  it("refuses a shared mailbox to everyone without a delegation", async () => {
    expect(await allowed(owner, shared)).toEqual({ fullAccess: false, sendAs: false, sendOnBehalf: false });
  });

  for (const right of RIGHTS) {
    it(`grants ${right} alone and nothing else`, async () => {
      const mailbox = await createShared(t.db, { id: shared.orgId, domain: shared.address.split("@")[1]! });
      await delegate(t.db, mailbox, colleague, { [right]: true });
      const expected = { fullAccess: false, sendAs: false, sendOnBehalf: false, [right]: true };
      expect(await allowed(colleague, mailbox)).toEqual(expected);
      // ...and only to that delegate
      expect(await allowed(owner, mailbox)).toEqual({ fullAccess: false, sendAs: false, sendOnBehalf: false });
    });
  }

  it("stops at once when a right is revoked", async () => {
    const mailbox = await createShared(t.db, { id: shared.orgId, domain: shared.address.split("@")[1]! });
    const row = await delegate(t.db, mailbox, colleague, { fullAccess: true, sendAs: true });
    expect((await allowed(colleague, mailbox)).fullAccess).toBe(true);
    await t.db.update(delegations).set({ fullAccess: false }).where(eq(delegations.id, row.id));
    expect(await allowed(colleague, mailbox)).toEqual({ fullAccess: false, sendAs: true, sendOnBehalf: false });
    await t.db.delete(delegations).where(eq(delegations.id, row.id));
    expect(await allowed(colleague, mailbox)).toEqual({ fullAccess: false, sendAs: false, sendOnBehalf: false });
  });

  it("finds a mailbox by address case-insensitively", async () => {
    const access = await getMailboxAccess(t.db, actorOf(owner), { address: owner.address.toUpperCase() });
    expect(access?.mailbox.id).toBe(owner.id);
  });
});
