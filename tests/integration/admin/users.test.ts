import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, delegations, folders, GIB, sharedFolderLinks, type Account } from "../../../db/schema";
import { createUser } from "../../../lib/admin/users/create-user";
import { deleteUser } from "../../../lib/admin/users/delete-user";
import { listUsers } from "../../../lib/admin/users/list-users";
import { resetPassword } from "../../../lib/admin/users/reset-password";
import { setUserState } from "../../../lib/admin/users/set-user-state";
import { newUserSchema } from "../../../lib/admin/schemas";
import { loadActor } from "../../../lib/auth/actor";
import { createSession } from "../../../lib/auth/sessions";
import { verifySignIn } from "../../../lib/auth/sign-in";
import { refusal } from "../../support/domain-error";
import * as f from "../../support/factories";
import { actorOf } from "../../support/session";
import { useTestDb } from "../../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof f.createOrg>>;
let admin: Account;
const STRONG = "Tournesol-2026";

beforeAll(async () => {
  org = await f.createOrg(t.db);
  admin = await f.createUser(t.db, org, { role: "admin", local: "admin" });
});

const newUser = (over: Partial<Parameters<typeof createUser>[2]> = {}) => ({
  localPart: `u-${Math.random().toString(36).slice(2, 8)}`,
  domain: org.domain,
  displayName: "New Person",
  password: STRONG,
  passwordConfirm: STRONG,
  quotaBytes: GIB,
  admin: false,
  ...over,
});

const signIn = (address: string, password: string) =>
  verifySignIn(t.db, { address, password, client: `10.0.0.${Math.floor(Math.random() * 250)}` });

describe("creating a user mailbox", () => {
  it("creates it with its folders, a hashed password that signs in, and an audit event", async () => {
    const user = await createUser(t.db, actorOf(admin), newUser({ localPart: "dominique", admin: true }));
    expect(user).toMatchObject({ kind: "standard", role: "admin", state: "active", quotaBytes: GIB });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await t.db.select().from(folders).where(eq(folders.accountId, user.id))).toHaveLength(6);
    expect((await signIn(user.address, STRONG)).ok).toBe(true);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, user.id));
    expect(event).toMatchObject({ action: "user.create", actorAddress: admin.address, details: { role: "admin" } });
    expect(JSON.stringify(event!.details)).not.toContain(STRONG);
  });

  it("applies the password strength rule", async () => {
    for (const [password, code] of [
      ["short1A", "passwordTooShort"],
      ["alllowercaseletters", "passwordTooSimple"],
      ["x".repeat(300) + "A", "passwordTooLong"],
    ] as const) {
      expect(await refusal(createUser(t.db, actorOf(admin), newUser({ password })))).toMatchObject({
        code,
        fieldErrors: { password: [code] },
      });
    }
  });

  it("checks the confirmation and the fields in the form schema", () => {
    const parsed = newUserSchema.safeParse({
      localPart: "a..b",
      domain: org.domain,
      displayName: "x",
      password: STRONG,
      passwordConfirm: "other",
      quota: "1",
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => [i.path[0], i.message]);
    expect(paths).toContainEqual(["localPart", "localPartInvalid"]);
  });

  it("refuses a taken address (any case) and a foreign domain", async () => {
    const taken = await refusal(createUser(t.db, actorOf(admin), newUser({ localPart: "admin" })));
    expect(taken).toMatchObject({ code: "addressTaken", fieldErrors: { localPart: ["addressTaken"] } });
    const foreign = await refusal(createUser(t.db, actorOf(admin), newUser({ domain: "elsewhere.test" })));
    expect(foreign.code).toBe("unknownDomain");
  });

  it("is for admins only", async () => {
    const plain = await f.createUser(t.db, org);
    expect((await refusal(createUser(t.db, actorOf(plain), newUser({ localPart: "nope" })))).code).toBe("noAccess");
    expect(
      await t.db
        .select()
        .from(accounts)
        .where(eq(accounts.address, `nope@${org.domain}`)),
    ).toHaveLength(0);
  });
});

describe("resetting a password", () => {
  it("sets a new password: the old one stops working, the new one works, open sessions end", async () => {
    const user = await f.createUser(t.db, org);
    const before = await createSession(t.db, { accountId: user.id, orgId: org.id });
    const open = { accountId: user.id, orgId: org.id, sessionId: before.id, signedInAt: Date.now() };
    expect(await loadActor(t.db, open)).not.toBeNull();
    await resetPassword(t.db, actorOf(admin), { id: user.id, password: STRONG });
    // The sessions open before the reset end with it; a new sign-in works.
    expect(await loadActor(t.db, open)).toBeNull();
    const after = await createSession(t.db, { accountId: user.id, orgId: org.id });
    expect(await loadActor(t.db, { ...open, sessionId: after.id, signedInAt: Date.now() + 5 })).not.toBeNull();
    expect((await signIn(user.address, f.TEST_PASSWORD)).ok).toBe(false);
    expect((await signIn(user.address, STRONG)).ok).toBe(true);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, user.id));
    expect(event).toMatchObject({ action: "user.resetPassword", details: {} });
  });

  it("applies the strength rule and refuses shared mailboxes and other organisations", async () => {
    const user = await f.createUser(t.db, org);
    expect((await refusal(resetPassword(t.db, actorOf(admin), { id: user.id, password: "weak" }))).code).toBe(
      "passwordTooShort",
    );
    const shared = await f.createShared(t.db, org);
    expect((await refusal(resetPassword(t.db, actorOf(admin), { id: shared.id, password: STRONG }))).code).toBe(
      "notFound",
    );
    const stranger = await f.createUser(t.db, await f.createOrg(t.db));
    expect((await refusal(resetPassword(t.db, actorOf(admin), { id: stranger.id, password: STRONG }))).code).toBe(
      "notFound",
    );
    expect((await signIn(stranger.address, f.TEST_PASSWORD)).ok).toBe(true);
  });
});

describe("suspending a user mailbox", () => {
  it("stops sign-in and open sessions, keeps the mailbox and its delegations, and can be undone", async () => {
    const user = await f.createUser(t.db, org);
    const box = await f.createShared(t.db, org);
    await f.delegate(t.db, box, user, { fullAccess: true });
    const open = await createSession(t.db, { accountId: user.id, orgId: org.id });
    const claims = { accountId: user.id, orgId: org.id, sessionId: open.id, signedInAt: Date.now() };
    await setUserState(t.db, actorOf(admin), { id: user.id, state: "suspended" });
    expect(await signIn(user.address, f.TEST_PASSWORD)).toEqual({ ok: false, error: "invalidCredentials" });
    expect(await loadActor(t.db, claims)).toBeNull();
    expect(await t.db.select().from(delegations).where(eq(delegations.delegateId, user.id))).toHaveLength(1);
    // still receives mail
    await f.addMessage(t.db, user, { subject: "while away" });

    await setUserState(t.db, actorOf(admin), { id: user.id, state: "active" });
    // Reactivation lets the owner sign in again, but does not bring back the sessions it ended.
    expect(await loadActor(t.db, claims)).toBeNull();
    expect((await signIn(user.address, f.TEST_PASSWORD)).ok).toBe(true);
    const actions = (await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, user.id))).map(
      (e) => e.action,
    );
    expect(actions.sort()).toEqual(["user.reactivate", "user.suspend"]);
  });

  it("refuses to suspend oneself, and non-admins", async () => {
    expect((await refusal(setUserState(t.db, actorOf(admin), { id: admin.id, state: "suspended" }))).code).toBe(
      "cannotSuspendSelf",
    );
    const plain = await f.createUser(t.db, org);
    expect((await refusal(setUserState(t.db, actorOf(plain), { id: admin.id, state: "suspended" }))).code).toBe(
      "noAccess",
    );
  });
});

describe("deleting a user mailbox", () => {
  it("removes the mailbox, its mail, its delegations both ways and its folder links", async () => {
    const user = await f.createUser(t.db, org);
    const box = await f.createShared(t.db, org);
    await f.delegate(t.db, box, user, { fullAccess: true });
    await f.delegate(t.db, user, admin, { sendOnBehalf: true });
    await t.db
      .insert(sharedFolderLinks)
      .values({ orgId: org.id, accountId: user.id, mailboxId: box.id, source: "manual" });
    await f.addMessage(t.db, user);
    await deleteUser(t.db, actorOf(admin), { id: user.id });
    expect(await t.db.select().from(accounts).where(eq(accounts.id, user.id))).toHaveLength(0);
    expect(await t.db.select().from(delegations).where(eq(delegations.delegateId, user.id))).toHaveLength(0);
    expect(await t.db.select().from(delegations).where(eq(delegations.mailboxId, user.id))).toHaveLength(0);
    expect(await t.db.select().from(sharedFolderLinks).where(eq(sharedFolderLinks.accountId, user.id))).toHaveLength(0);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, user.id));
    expect(event).toMatchObject({ action: "user.delete", mailboxAddress: user.address });
  });

  it("refuses oneself, shared mailboxes, other organisations and non-admins", async () => {
    expect((await refusal(deleteUser(t.db, actorOf(admin), { id: admin.id }))).code).toBe("cannotDeleteSelf");
    const shared = await f.createShared(t.db, org);
    expect((await refusal(deleteUser(t.db, actorOf(admin), { id: shared.id }))).code).toBe("notFound");
    const stranger = await f.createUser(t.db, await f.createOrg(t.db));
    expect((await refusal(deleteUser(t.db, actorOf(admin), { id: stranger.id }))).code).toBe("notFound");
    const plain = await f.createUser(t.db, org);
    expect((await refusal(deleteUser(t.db, actorOf(plain), { id: admin.id }))).code).toBe("noAccess");
    expect(await t.db.select().from(accounts).where(eq(accounts.id, stranger.id))).toHaveLength(1);
  });

  it("refuses when, under the per-user pool rule, the shared mailboxes would no longer fit", async () => {
    const perUser = await f.createOrg(t.db, { poolBytes: GIB });
    await t.db.execute(sql`update organizations set pool_rule = 'per_user' where id = ${perUser.id}`);
    const boss = await f.createUser(t.db, perUser, { role: "admin" });
    const leaving = await f.createUser(t.db, perUser);
    await f.createShared(t.db, perUser, { quotaBytes: 2 * GIB });
    expect(await refusal(deleteUser(t.db, actorOf(boss), { id: leaving.id }))).toEqual({
      code: "poolWouldShrink",
      fieldErrors: undefined,
      values: { allocatedBytes: 2 * GIB, totalBytes: GIB },
    });
    expect(await t.db.select().from(accounts).where(eq(accounts.id, leaving.id))).toHaveLength(1);
  });
});

describe("the user mailboxes list", () => {
  it("pages by address, user mailboxes of the organisation only", async () => {
    const fresh = await f.createOrg(t.db);
    const boss = await f.createUser(t.db, fresh, { role: "admin", local: "b-admin" });
    for (const local of ["d", "a", "c"]) await f.createUser(t.db, fresh, { local });
    await f.createShared(t.db, fresh, { local: "aa-shared" });
    const first = await listUsers(t.db, actorOf(boss), { limit: 2 });
    expect(first.rows.map((r) => r.address.split("@")[0])).toEqual(["a", "b-admin"]);
    const second = await listUsers(t.db, actorOf(boss), { limit: 2, after: first.next });
    expect(second.rows.map((r) => r.address.split("@")[0])).toEqual(["c", "d"]);
    expect(second.next).toBeNull();
  });
});
