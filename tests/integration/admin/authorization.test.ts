import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, delegations, GIB, organizations, type Account } from "../../../db/schema";
import { delegationsAction } from "../../../app/admin/mailboxes/actions";
import { updatePoolAction } from "../../../app/admin/organization/actions";
import { deleteSharedAction, sharedWizardAction, updateSharedAction } from "../../../app/admin/shared/actions";
import {
  createUserAction,
  deleteUserAction,
  resetPasswordAction,
  setUserStateAction,
} from "../../../app/admin/users/actions";
import { loadDelegationGrid } from "../../../lib/admin/delegations/load-delegation-grid";
import { getAdminMailbox } from "../../../lib/admin/mailboxes/get-mailbox";
import type { ActionState } from "../../../lib/forms/action-state";
import { refusal } from "../../support/domain-error";
import { createOrg, createShared, createUser } from "../../support/factories";
import { actorOf, signInAs } from "../../support/session";
import { useTestDb } from "../../support/test-db";

/**
 * Every admin action, called as the browser would call it, by: nobody signed in, a user of the
 * organisation without the admin role, and an admin of another organisation. None may change
 * anything; the first two are told why, the third finds nothing. Then the organisation's own
 * admin succeeds, to show the call itself was a valid one.
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let admin: Account;
let user: Account;
let stranger: Account;
let shared: Account;
let victim: Account;

beforeAll(async () => {
  org = await createOrg(t.db, { poolBytes: 10 * GIB });
  admin = await createUser(t.db, org, { role: "admin" });
  user = await createUser(t.db, org, { local: "user" });
  victim = await createUser(t.db, org, { local: "victim" });
  shared = await createShared(t.db, org, { local: "shared", quotaBytes: GIB });
  const other = await createOrg(t.db);
  stranger = await createUser(t.db, other, { role: "admin" });
});

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
  return data;
}

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;
const REDIRECT = { digest: expect.stringContaining("NEXT_REDIRECT") };

/** A snapshot of everything an admin action may change, to prove a refusal changed nothing. */
async function snapshot() {
  return {
    accounts: await t.db.select().from(accounts).where(eq(accounts.orgId, org.id)).orderBy(accounts.id),
    delegations: await t.db.select().from(delegations).where(eq(delegations.orgId, org.id)).orderBy(delegations.id),
    org: await t.db.select().from(organizations).where(eq(organizations.id, org.id)),
    audit: (await t.db.select().from(auditEvents).where(eq(auditEvents.orgId, org.id))).length,
  };
}

const cases: { name: string; action: Action; fields: () => Record<string, string | string[]>; strangerCode: string }[] =
  [
    {
      name: "create wizard, Next",
      action: sharedWizardAction,
      fields: () => ({ intent: "next", localPart: "new-box", domain: org.domain, displayName: "New", quota: "1" }),
      strangerCode: "unknownDomain",
    },
    {
      name: "create wizard, Confirm",
      action: sharedWizardAction,
      fields: () => ({ intent: "confirm", localPart: "new-box", domain: org.domain, displayName: "New", quota: "1" }),
      strangerCode: "unknownDomain",
    },
    {
      name: "edit a shared mailbox",
      action: updateSharedAction,
      fields: () => ({ id: shared.id, displayName: "Taken over", quota: "2", saveSentCopy: "on" }),
      strangerCode: "notFound",
    },
    {
      name: "delete a shared mailbox",
      action: deleteSharedAction,
      fields: () => ({ id: shared.id }),
      strangerCode: "notFound",
    },
    {
      name: "configure delegations, Next",
      action: delegationsAction,
      fields: () => ({ intent: "next", mailboxId: shared.id, "delegates[]": [user.id], "fullAccess[]": [user.id] }),
      strangerCode: "notFound",
    },
    {
      name: "configure delegations, Confirm",
      action: delegationsAction,
      fields: () => ({
        intent: "confirm",
        mailboxId: shared.id,
        "delegates[]": [user.id],
        "fullAccess[]": [user.id],
        fingerprint: "x",
      }),
      strangerCode: "notFound",
    },
    {
      name: "create a user mailbox",
      action: createUserAction,
      fields: () => ({
        localPart: "intruder",
        domain: org.domain,
        displayName: "I",
        password: "Intruder-2026!",
        passwordConfirm: "Intruder-2026!",
        quota: "1",
        admin: "on",
      }),
      strangerCode: "unknownDomain",
    },
    {
      name: "reset a password",
      action: resetPasswordAction,
      fields: () => ({ id: victim.id, password: "Intruder-2026!", passwordConfirm: "Intruder-2026!" }),
      strangerCode: "notFound",
    },
    {
      name: "suspend a user mailbox",
      action: setUserStateAction,
      fields: () => ({ id: victim.id, state: "suspended" }),
      strangerCode: "notFound",
    },
    {
      name: "delete a user mailbox",
      action: deleteUserAction,
      fields: () => ({ id: victim.id }),
      strangerCode: "notFound",
    },
  ];

describe("admin actions refuse everyone but the organisation's admins", () => {
  for (const c of cases) {
    it(`${c.name}: signed out, non-admin, other organisation's admin`, async () => {
      const before = await snapshot();
      signInAs(null);
      expect(await c.action(null, form(c.fields()))).toMatchObject({ ok: false, message: "signedOut" });
      signInAs(user);
      expect(await c.action(null, form(c.fields()))).toEqual({ ok: false, message: "noAccess" });
      signInAs(stranger);
      expect(await c.action(null, form(c.fields()))).toMatchObject({ ok: false, message: c.strangerCode });
      expect(await snapshot()).toEqual(before);
    });
  }

  it("the pool rule: non-admin refused; another organisation's admin changes only their own", async () => {
    const before = await snapshot();
    signInAs(user);
    expect(await updatePoolAction(null, form({ rule: "fixed", size: "500" }))).toEqual({
      ok: false,
      message: "noAccess",
    });
    signInAs(stranger);
    expect(await updatePoolAction(null, form({ rule: "fixed", size: "500" }))).toMatchObject({ ok: true });
    expect(await snapshot()).toEqual(before);
  });

  it("a non-admin is refused before the input is even read", async () => {
    signInAs(user);
    expect(await sharedWizardAction(null, form({ localPart: "..", quota: "nope" }))).toEqual({
      ok: false,
      message: "noAccess",
    });
  });
});

describe("the organisation's admin, through the same actions", () => {
  it("gets field errors a person can act on, the fields back, and never the password", async () => {
    signInAs(admin);
    const state = await createUserAction(
      null,
      form({
        localPart: "a b",
        domain: org.domain,
        displayName: "X",
        password: "short",
        passwordConfirm: "other",
        quota: "0",
      }),
    );
    expect(state).toMatchObject({
      ok: false,
      message: "invalid",
      fieldErrors: { localPart: ["localPartInvalid"], quota: ["quotaPositive"], passwordConfirm: ["passwordMismatch"] },
    });
    const input = (state!.data as { input: Record<string, string> }).input;
    expect(input).toMatchObject({ localPart: "a b", displayName: "X", quota: "0" });
    expect(JSON.stringify(state)).not.toContain("short");
  });

  it("walks the wizard: Next gives the summary, Confirm creates and redirects with a notice", async () => {
    signInAs(admin);
    const fields = { localPart: "Contact", domain: org.domain, displayName: "Contact", quota: "1,5", hidden: "on" };
    const next = await sharedWizardAction(null, form({ ...fields, intent: "next" }));
    expect(next).toMatchObject({
      ok: true,
      data: { step: "summary", summary: { address: `contact@${org.domain}`, quotaBytes: 1.5 * GIB, hidden: true } },
    });
    await expect(sharedWizardAction(next, form({ ...fields, intent: "confirm" }))).rejects.toMatchObject(REDIRECT);
    const [made] = await t.db
      .select()
      .from(accounts)
      .where(eq(accounts.address, `contact@${org.domain}`));
    expect(made).toMatchObject({ kind: "shared", quotaBytes: 1.5 * GIB, hiddenFromDirectory: true });
    // Confirm checks again: the same address a second time is refused
    expect(await sharedWizardAction(null, form({ ...fields, intent: "confirm" }))).toMatchObject({
      ok: false,
      fieldErrors: { localPart: ["addressTaken"] },
    });
  });

  it("configures delegations: Next, Confirm, and a stale summary is answered with the new one", async () => {
    signInAs(admin);
    const box = await createShared(t.db, org);
    const grid = {
      mailboxId: box.id,
      "delegates[]": [user.id, victim.id],
      "fullAccess[]": [user.id],
      "automap[]": [user.id],
    };
    const next = await delegationsAction(null, form({ ...grid, intent: "next" }));
    expect(next).toMatchObject({
      ok: true,
      data: { step: "summary", changes: [{ delegate: { id: user.id }, granted: ["fullAccess"] }] },
    });
    const fingerprint = (next!.data as { fingerprint: string }).fingerprint;
    const stale = await delegationsAction(null, form({ ...grid, intent: "confirm", fingerprint: "stale" }));
    expect(stale).toMatchObject({ ok: false, message: "delegationsChanged", data: { step: "summary" } });
    const done = await delegationsAction(null, form({ ...grid, intent: "confirm", fingerprint }));
    expect(done).toMatchObject({ ok: true, message: "delegationsApplied", data: { step: "done" } });
    expect((await loadDelegationGrid(t.db, actorOf(admin), box.id)).current.get(user.id)).toMatchObject({
      fullAccess: true,
    });
    const again = await delegationsAction(null, form({ ...grid, intent: "next" }));
    expect(again).toMatchObject({ ok: true, message: "noDelegationChanges" });
  });

  it("edits, suspends, resets, deletes", async () => {
    signInAs(admin);
    const box = await createShared(t.db, org, { quotaBytes: GIB });
    expect(await updateSharedAction(null, form({ id: box.id, displayName: "Renamed", quota: "1" }))).toMatchObject({
      ok: true,
      message: "sharedUpdated",
    });
    const [renamed] = await t.db.select().from(accounts).where(eq(accounts.id, box.id));
    expect(renamed).toMatchObject({ displayName: "Renamed", saveSentCopy: false });
    const person = await createUser(t.db, org);
    expect(await setUserStateAction(null, form({ id: person.id, state: "suspended" }))).toMatchObject({
      ok: true,
      message: "userSuspended",
    });
    expect(
      await resetPasswordAction(
        null,
        form({ id: person.id, password: "Another-2026", passwordConfirm: "Another-2026" }),
      ),
    ).toMatchObject({
      ok: true,
      message: "passwordReset",
    });
    await expect(deleteUserAction(null, form({ id: person.id }))).rejects.toMatchObject(REDIRECT);
    await expect(deleteSharedAction(null, form({ id: box.id }))).rejects.toMatchObject(REDIRECT);
    expect(await t.db.select().from(accounts).where(eq(accounts.id, box.id))).toHaveLength(0);
    expect(await setUserStateAction(null, form({ id: admin.id, state: "suspended" }))).toMatchObject({
      ok: false,
      message: "cannotSuspendSelf",
    });
  });

  it("answers a malformed id as not found, not as a crash", async () => {
    signInAs(admin);
    expect(await deleteSharedAction(null, form({ id: "not-a-uuid" }))).toMatchObject({
      ok: false,
      fieldErrors: { id: ["notFound"] },
    });
    expect(
      await delegationsAction(null, form({ mailboxId: "00000000-0000-4000-8000-000000000000", intent: "next" })),
    ).toMatchObject({
      ok: false,
      message: "notFound",
    });
  });
});

describe("what the admin pages load", () => {
  it("finds nothing of another organisation, and nothing for a non-admin", async () => {
    expect((await refusal(getAdminMailbox(t.db, actorOf(stranger), shared.id))).code).toBe("notFound");
    expect((await refusal(getAdminMailbox(t.db, actorOf(stranger), victim.id, "standard"))).code).toBe("notFound");
    expect((await refusal(loadDelegationGrid(t.db, actorOf(stranger), shared.id))).code).toBe("notFound");
    expect((await refusal(getAdminMailbox(t.db, actorOf(user), shared.id))).code).toBe("noAccess");
    expect((await refusal(getAdminMailbox(t.db, actorOf(admin), "../etc"))).code).toBe("notFound");
    // the right kind only
    expect((await refusal(getAdminMailbox(t.db, actorOf(admin), shared.id, "standard"))).code).toBe("notFound");
    expect(await getAdminMailbox(t.db, actorOf(admin), shared.id, "shared")).toMatchObject({ address: shared.address });
  });
});
