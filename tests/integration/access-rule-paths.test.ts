import { and, eq, ne, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { accounts, delegations, type Account } from "../../db/schema";
import { accessRules, getMailboxAccess, type MailboxRight } from "../../lib/access/mailbox-access";
import { listFromOptions } from "../../lib/compose/from";
import { listSearchableMailboxes } from "../../lib/search/search-all-mailboxes";
import { listAddableMailboxes, resolveMailboxQuery } from "../../lib/shared-folders/address-book";
import { listPaneMailboxes } from "../../lib/shared-folders/pane-mailboxes";
import { createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * "Which mailboxes may this person open or send from" is written once, in lib/access: every list
 * that answers it (search over all mailboxes, folder tree, add-shared-folder suggestions, From
 * picker) follows a change of the rule made there, and a change of the delegation row.
 */
const t = useTestDb();
let me: Account;
let support: Account;
let sales: Account;

/** What each path shows the actor, as the addresses of the delegated mailboxes. */
async function paths(actor: Account) {
  const a = actorOf(actor);
  const [searchable, tree, addable, from, resolved, access] = await Promise.all([
    listSearchableMailboxes(t.db, a),
    listPaneMailboxes(t.db, a),
    listAddableMailboxes(t.db, a),
    listFromOptions(t.db, a),
    resolveMailboxQuery(t.db, a, "Support"),
    getMailboxAccess(t.db, a, { id: support.id }),
  ]);
  return {
    search: searchable.filter((m) => !m.isOwn).map((m) => m.address),
    tree: tree.shared.map((m) => m.mailbox.address),
    suggestions: addable.map((m) => m.address),
    from: from.filter((o) => !o.own).map((o) => o.value),
    resolvedByName: resolved !== null && "ref" in resolved,
    supportRights: access?.rights,
  };
}

beforeAll(async () => {
  const org = await createOrg(t.db);
  me = await createUser(t.db, org, { name: "Guide" });
  support = await createShared(t.db, org, { name: "Support" });
  sales = await createShared(t.db, org, { name: "Sales" });
  await delegate(t.db, support, me, { fullAccess: true, sendAs: true, sendOnBehalf: true });
  await delegate(t.db, sales, me, { fullAccess: true, sendAs: true });
});

afterEach(() => vi.restoreAllMocks());

describe("one access rule, every path", () => {
  it("with the rule as it is, every path shows the delegated mailboxes", async () => {
    const seen = await paths(me);
    expect(seen.search.sort()).toEqual([sales.address, support.address].sort());
    expect(seen.tree.sort()).toEqual([sales.address, support.address].sort());
    expect(seen.suggestions.sort()).toEqual([sales.address, support.address].sort());
    expect(seen.from.sort()).toEqual(
      [`as:${sales.address}`, `as:${support.address}`, `onBehalf:${support.address}`].sort(),
    );
    expect(seen.resolvedByName).toBe(true);
    expect(seen.supportRights).toEqual({ fullAccess: true, sendAs: true, sendOnBehalf: true });
  });

  it("a rule added in lib/access (here: no delegation to the Support mailbox) reaches every path", async () => {
    const original = accessRules.grants;
    vi.spyOn(accessRules, "grants").mockImplementation((right: MailboxRight) =>
      and(original(right), ne(delegations.mailboxId, support.id))!,
    );
    const seen = await paths(me);
    expect(seen.search).toEqual([sales.address]);
    expect(seen.tree).toEqual([sales.address]);
    expect(seen.suggestions).toEqual([sales.address]);
    expect(seen.from).toEqual([`as:${sales.address}`]);
    expect(seen.resolvedByName).toBe(false);
    expect(seen.supportRights).toEqual({ fullAccess: false, sendAs: false, sendOnBehalf: false });
  });

  it("a rule that grants nothing leaves the actor their own mailbox only", async () => {
    vi.spyOn(accessRules, "grants").mockImplementation(() => sql`false`);
    const seen = await paths(me);
    expect(seen).toMatchObject({ search: [], tree: [], suggestions: [], from: [], resolvedByName: false });
    const own = await getMailboxAccess(t.db, actorOf(me), { id: me.id });
    expect(own?.rights.fullAccess).toBe(true);
  });

  it("a change of the delegation row reaches every path: Full Access off, Send As kept", async () => {
    await t.db
      .update(delegations)
      .set({ fullAccess: false, sendOnBehalf: false })
      .where(and(eq(delegations.mailboxId, support.id), eq(delegations.delegateId, me.id)));
    const seen = await paths(me);
    expect(seen.search).toEqual([sales.address]);
    expect(seen.tree).toEqual([sales.address]);
    expect(seen.suggestions).toEqual([sales.address]);
    expect(seen.from.sort()).toEqual([`as:${sales.address}`, `as:${support.address}`].sort());
    expect(seen.supportRights).toEqual({ fullAccess: false, sendAs: true, sendOnBehalf: false });
    // The account row itself is untouched: the rule is the delegation's.
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, support.id));
    expect(row?.kind).toBe("shared");
  });
});
