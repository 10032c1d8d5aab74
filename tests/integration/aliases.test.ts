import { spawnSync } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addAliasAction, removeAliasAction } from "../../app/admin/aliases/actions";
import { createUserAction } from "../../app/admin/users/actions";
import { accounts, aliases, auditEvents, type Account } from "../../db/schema";
import { insertAccount } from "../../lib/accounts/insert-account";
import { listAliases } from "../../lib/aliases/manage-aliases";
import { addAliasByAddress, listAliasesByAddress, removeAliasByAddress } from "../../lib/aliases/operator-aliases";
import { checkRecipient } from "../../lib/inbound/resolve-recipient";
import { createOrg, createShared, createUser } from "../support/factories";
import { actorOf, signInAs } from "../support/session";
import { testDriver, useTestDb } from "../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let admin: Account;
let user: Account;
let stranger: Account;
let support: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  admin = await createUser(t.db, org, { role: "admin", local: "boss" });
  user = await createUser(t.db, org, { local: "plain" });
  support = await createShared(t.db, org, { local: "support" });
  stranger = await createUser(t.db, await createOrg(t.db), { role: "admin" });
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const aliasRows = () => t.db.select().from(aliases).where(eq(aliases.orgId, org.id)).orderBy(aliases.address);
const auditCount = async () => (await t.db.select().from(auditEvents).where(eq(auditEvents.orgId, org.id))).length;

describe("aliases in the admin area", () => {
  it("an admin adds and removes a shared mailbox's alias, audited; mail to it reaches the mailbox", async () => {
    signInAs(admin);
    const added = await addAliasAction(
      null,
      form({ mailboxId: support.id, localPart: "Contact", domain: org.domain.toUpperCase() }),
    );
    expect(added).toMatchObject({ ok: true, message: "aliasAdded" });
    const list = await listAliases(t.db, actorOf(admin), support.id);
    expect(list.map((a) => a.address)).toEqual([`contact@${org.domain}`]);
    const check = await checkRecipient(t.db, `CONTACT@${org.domain}`, 0);
    expect(check).toMatchObject({ status: "accepted", mailbox: { id: support.id } });

    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "alias.add")));
    expect(event).toMatchObject({
      actorAddress: admin.address,
      mailboxAddress: support.address,
      details: { alias: `contact@${org.domain}` },
    });

    const removed = await removeAliasAction(null, form({ mailboxId: support.id, aliasId: list[0]!.id }));
    expect(removed).toMatchObject({ ok: true, message: "aliasRemoved" });
    expect(await listAliases(t.db, actorOf(admin), support.id)).toEqual([]);
    expect(await checkRecipient(t.db, `contact@${org.domain}`, 0)).toEqual({ status: "unknown" });
    const trail = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "alias.remove")));
    expect(trail).toHaveLength(1);
  });

  it("refuses a non-admin, an admin of another organisation, and anyone signed out, changing nothing", async () => {
    signInAs(admin);
    await addAliasAction(null, form({ mailboxId: support.id, localPart: "keep", domain: org.domain }));
    const [kept] = await aliasRows();
    const before = { aliases: await aliasRows(), audit: await auditCount() };
    const add = form({ mailboxId: support.id, localPart: "grab", domain: org.domain });
    const remove = () => form({ mailboxId: support.id, aliasId: kept!.id });

    signInAs(null);
    expect(await addAliasAction(null, add)).toMatchObject({ ok: false, message: "signedOut" });
    expect(await removeAliasAction(null, remove())).toMatchObject({ ok: false, message: "signedOut" });
    signInAs(user);
    expect(await addAliasAction(null, add)).toEqual({ ok: false, message: "noAccess" });
    expect(await removeAliasAction(null, remove())).toEqual({ ok: false, message: "noAccess" });
    signInAs(stranger);
    expect(await addAliasAction(null, add)).toMatchObject({ ok: false, message: "unknownDomain" });
    expect(await removeAliasAction(null, remove())).toMatchObject({ ok: false, message: "notFound" });
    await expect(listAliases(t.db, actorOf(stranger), support.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(listAliases(t.db, actorOf(user), support.id)).rejects.toMatchObject({ code: "noAccess" });

    expect({ aliases: await aliasRows(), audit: await auditCount() }).toEqual(before);
  });

  it("keeps an alias unique like an address: against accounts, other aliases, and new accounts", async () => {
    signInAs(admin);
    expect(
      await addAliasAction(null, form({ mailboxId: support.id, localPart: "PLAIN", domain: org.domain })),
    ).toMatchObject({ ok: false, fieldErrors: { localPart: ["addressTaken"] } });
    await addAliasAction(null, form({ mailboxId: support.id, localPart: "taken", domain: org.domain }));
    expect(
      await addAliasAction(null, form({ mailboxId: user.id, localPart: "Taken", domain: org.domain })),
    ).toMatchObject({ ok: false, fieldErrors: { localPart: ["addressTaken"] } });
    const created = await createUserAction(
      null,
      form({
        localPart: "taken",
        domain: org.domain,
        displayName: "Taken",
        password: "Correct-horse-9",
        passwordConfirm: "Correct-horse-9",
        quota: "1",
      }),
    );
    expect(created).toMatchObject({ ok: false, fieldErrors: { localPart: ["addressTaken"] } });
    // Below the friendly checks, the database itself refuses an account on an alias's address.
    await expect(
      insertAccount(t.db, {
        orgId: org.id,
        address: `TAKEN@${org.domain}`,
        displayName: "x",
        kind: "shared",
        quotaBytes: 1000,
      }),
    ).rejects.toMatchObject({ cause: { code: "23505" } });
  });

  it.runIf(testDriver === "postgres")(
    "an alias and an account racing for one address: exactly one gets it",
    async () => {
      for (let round = 0; round < 5; round++) {
        const address = `race${round}@${org.domain}`;
        const results = await Promise.allSettled([
          addAliasByAddress(t.db, support.address, address),
          t.db.transaction((tx) =>
            insertAccount(tx, { orgId: org.id, address, displayName: "r", kind: "shared", quotaBytes: 1000 }),
          ),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const inAccounts = await t.db.select().from(accounts).where(eq(accounts.address, address));
        const inAliases = await t.db.select().from(aliases).where(eq(aliases.address, address));
        expect(inAccounts.length + inAliases.length).toBe(1);
      }
    },
  );
});

describe("aliases from the command line", () => {
  it("adds, lists and removes by address, audited as the operator", async () => {
    const row = await addAliasByAddress(t.db, support.address.toUpperCase(), `Hello@${org.domain}`);
    expect(row.address).toBe(`hello@${org.domain}`);
    expect(await listAliasesByAddress(t.db, support.address)).toContainEqual({
      alias: `hello@${org.domain}`,
      mailbox: support.address,
    });
    await expect(addAliasByAddress(t.db, support.address, "hello@not-ours.test")).rejects.toMatchObject({
      code: "unknownDomain",
    });
    await expect(addAliasByAddress(t.db, "nobody@nowhere.test", `x@${org.domain}`)).rejects.toMatchObject({
      code: "unknownMailbox",
    });
    expect(await removeAliasByAddress(t.db, `HELLO@${org.domain}`)).toEqual({ mailbox: support.address });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.actorAddress, "command line")));
    // Only this alias's events: the race above (PostgreSQL) adds aliases from the command line too.
    const mine = events.filter((e) => (e.details as { alias?: string }).alias === `hello@${org.domain}`);
    expect(mine.map((e) => e.action).sort()).toEqual(["alias.add", "alias.remove"]);
  });

  it("`mailroom smtp` refuses the embedded database with exit code 3", () => {
    const root = path.resolve(__dirname, "../..");
    const run = spawnSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "cli/index.ts", "smtp"],
      { cwd: root, env: { ...process.env, DATABASE_URL: "" }, encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/only with PostgreSQL \(DATABASE_URL\)/);
  });
});
