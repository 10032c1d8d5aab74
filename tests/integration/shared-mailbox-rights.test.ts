import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addSharedFolderAction, loadAddableMailboxes, removeSharedFolderAction } from "../../app/mail/shared/actions";
import { delegations, type Account } from "../../db/schema";
import { listMailboxTrail } from "../../lib/audit/mailbox-trail";
import { loadMailView } from "../../lib/mailboxes/mail-view";
import { searchAllMailboxes } from "../../lib/search/search-all-mailboxes";
import { listPaneMailboxes } from "../../lib/shared-folders/pane-mailboxes";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf, signInAs } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * Every route and action of the shared-mailbox feature, for each delegation right alone, for
 * strangers (same organisation, admin, another organisation) and signed out (R12, issue 5.9).
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let shared: Account;
const who: Record<string, Account> = {};

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

const NOT_FOUND = { ok: false, message: "notFound" };

beforeAll(async () => {
  org = await createOrg(t.db);
  shared = await createShared(t.db, org, { name: "Shared Box" });
  await addMessage(t.db, shared, { subject: "Quarterly figures" });
  for (const right of ["fullAccess", "sendAs", "sendOnBehalf"] as const) {
    who[right] = await createUser(t.db, org, { name: `Has ${right}` });
    await delegate(t.db, shared, who[right]!, { [right]: true, automap: false });
  }
  who.colleague = await createUser(t.db, org);
  who.admin = await createUser(t.db, org, { role: "admin" });
  who.foreigner = await createUser(t.db, await createOrg(t.db));
});

const pageCan = async (account: Account) =>
  loadMailView(t.db, actorOf(account), { address: shared.address, folder: "inbox", query: {}, showImages: false }).then(
    (view) => view.list.rows.length > 0,
    (e: { code: string }) => e.code,
  );

describe("each right alone, and strangers", () => {
  it("Full Access alone can open every folder page; Send As, Send on Behalf and strangers get notFound", async () => {
    expect(await pageCan(who.fullAccess!)).toBe(true);
    for (const name of ["sendAs", "sendOnBehalf", "colleague", "admin", "foreigner"]) {
      expect([name, await pageCan(who[name]!)]).toEqual([name, "notFound"]);
    }
  });

  it("puts the mailbox in the tree and the search scope for Full Access only", async () => {
    for (const [name, account] of Object.entries(who)) {
      const tree = await listPaneMailboxes(t.db, actorOf(account));
      expect([name, tree.shared.map((m) => m.mailbox.id)]).toEqual([name, []]); // automap off: not yet
      const search = await searchAllMailboxes(t.db, actorOf(account), { q: "quarterly", cursor: null });
      expect([name, search.hits.length]).toEqual([name, name === "fullAccess" ? 1 : 0]);
    }
  });

  it("Add shared folder: added for Full Access; for anyone else the very answer of an unknown address", async () => {
    signInAs(who.colleague!);
    const unknown = await addSharedFolderAction(null, form({ mailbox: `nobody@${org.domain}` }));
    expect(unknown).toMatchObject({ ...NOT_FOUND, fieldErrors: { mailbox: ["notFound"] } });
    for (const name of ["sendAs", "sendOnBehalf", "colleague", "admin", "foreigner"]) {
      signInAs(who[name]!);
      const byAddress = await addSharedFolderAction(null, form({ mailbox: shared.address }));
      const byName = await addSharedFolderAction(null, form({ mailbox: "Shared Box" }));
      for (const answer of [byAddress, byName]) {
        expect({ ...answer, values: undefined }).toEqual({ ...unknown, values: undefined });
      }
    }
    signInAs(who.fullAccess!);
    expect(await addSharedFolderAction(null, form({ mailbox: "Shared Box" }))).toMatchObject({
      ok: true,
      message: "added",
      values: { name: "Shared Box" },
      data: { address: shared.address },
    });
    expect((await listPaneMailboxes(t.db, actorOf(who.fullAccess!))).shared.map((m) => m.mailbox.id)).toEqual([
      shared.id,
    ]);
  });

  it("Remove shared folder: notFound for anyone without Full Access, and for a malformed id", async () => {
    for (const name of ["sendAs", "sendOnBehalf", "colleague", "admin", "foreigner"]) {
      signInAs(who[name]!);
      expect(await removeSharedFolderAction(null, form({ mailboxId: shared.id }))).toMatchObject(NOT_FOUND);
    }
    signInAs(who.fullAccess!);
    expect(await removeSharedFolderAction(null, form({ mailboxId: "not-a-uuid" }))).toMatchObject(NOT_FOUND);
    expect(await removeSharedFolderAction(null, form({ mailboxId: shared.id }))).toMatchObject({
      ok: true,
      message: "removed",
    });
  });

  it("the mailbox's trail: its delegates with any right; strangers get notFound", async () => {
    for (const name of ["fullAccess", "sendAs", "sendOnBehalf"]) {
      await expect(
        listMailboxTrail(t.db, actorOf(who[name]!), { address: shared.address }, null),
      ).resolves.toBeTruthy();
    }
    for (const name of ["colleague", "admin", "foreigner"]) {
      await expect(
        listMailboxTrail(t.db, actorOf(who[name]!), { address: shared.address }, null),
      ).rejects.toMatchObject({ code: "notFound" });
    }
  });

  it("suggests the mailbox only to Full Access delegates", async () => {
    for (const [name, account] of Object.entries(who)) {
      signInAs(account);
      const list = (await loadAddableMailboxes()).map((m) => m.address);
      expect([name, list]).toEqual([name, name === "fullAccess" ? [shared.address] : []]);
    }
  });

  it("answers signed-out callers without touching anything", async () => {
    signInAs(null);
    expect(await addSharedFolderAction(null, form({ mailbox: shared.address }))).toEqual({
      ok: false,
      message: "signedOut",
    });
    expect(await removeSharedFolderAction(null, form({ mailboxId: shared.id }))).toEqual({
      ok: false,
      message: "signedOut",
    });
    expect(await loadAddableMailboxes()).toEqual([]);
  });

  it("rejects empty and control-character input with a field error", async () => {
    signInAs(who.fullAccess!);
    expect(await addSharedFolderAction(null, form({ mailbox: "  " }))).toMatchObject({
      ok: false,
      message: "invalid",
      fieldErrors: { mailbox: ["required"] },
    });
    expect(await addSharedFolderAction(null, form({ mailbox: "a\r\nb" }))).toMatchObject({
      fieldErrors: { mailbox: ["controlCharacters"] },
    });
  });
});

describe("revocation between two requests of the same session", () => {
  it("takes effect on the very next request of every page and action", async () => {
    const user = await createUser(t.db, org);
    const grant = await delegate(t.db, shared, user, { fullAccess: true, sendAs: true });
    const session = "5b9e1c0a-3f7d-4e2b-9a61-0c8d2f4e7a13";
    signInAs(user, session);
    const actor = actorOf(user, session);

    // first requests: all allowed
    expect(await pageCan(user)).toBe(true);
    expect((await listPaneMailboxes(t.db, actor)).shared).toHaveLength(1);
    expect((await searchAllMailboxes(t.db, actor, { q: "quarterly", cursor: null })).hits).toHaveLength(1);
    expect(await addSharedFolderAction(null, form({ mailbox: shared.address }))).toMatchObject({ ok: true });

    // Full Access revoked, Send As kept
    await t.db.update(delegations).set({ fullAccess: false }).where(eq(delegations.id, grant.id));
    expect(await pageCan(user)).toBe("notFound");
    expect((await listPaneMailboxes(t.db, actor)).shared).toHaveLength(0);
    expect((await searchAllMailboxes(t.db, actor, { q: "quarterly", cursor: null })).hits).toHaveLength(0);
    expect(await removeSharedFolderAction(null, form({ mailboxId: shared.id }))).toMatchObject(NOT_FOUND);
    expect(await addSharedFolderAction(null, form({ mailbox: shared.address }))).toMatchObject(NOT_FOUND);
    // the trail stays readable with Send As
    await expect(listMailboxTrail(t.db, actor, { id: shared.id }, null)).resolves.toBeTruthy();

    // delegation deleted: the trail is gone too
    await t.db.delete(delegations).where(eq(delegations.id, grant.id));
    await expect(listMailboxTrail(t.db, actor, { id: shared.id }, null)).rejects.toMatchObject({ code: "notFound" });
  });
});
