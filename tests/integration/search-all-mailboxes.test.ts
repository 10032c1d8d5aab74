import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { delegations, type Account } from "../../db/schema";
import { decodeCursor } from "../../lib/messages/list-messages";
import { searchAllMailboxes } from "../../lib/search/search-all-mailboxes";
import { removeSharedFolder } from "../../lib/shared-folders/shared-folder-links";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let me: Account;
let support: Account;
let sales: Account;
let sendAsOnly: Account;
let onBehalfOnly: Account;
let notMine: Account;
let colleague: Account;

const search = (actor: Account, q: string, after?: string | null, limit?: number) =>
  searchAllMailboxes(t.db, actorOf(actor), { q, cursor: decodeCursor(after), limit });

beforeAll(async () => {
  org = await createOrg(t.db);
  me = await createUser(t.db, org, { name: "Guide" });
  colleague = await createUser(t.db, org, { name: "Colleague" });
  support = await createShared(t.db, org, { name: "Support" });
  sales = await createShared(t.db, org, { name: "Sales" });
  sendAsOnly = await createShared(t.db, org, { name: "Send As Only" });
  onBehalfOnly = await createShared(t.db, org, { name: "On Behalf Only" });
  notMine = await createShared(t.db, org, { name: "Not Mine" });
  await delegate(t.db, support, me, { fullAccess: true });
  await delegate(t.db, sales, me, { fullAccess: true, automap: false });
  await delegate(t.db, sendAsOnly, me, { sendAs: true });
  await delegate(t.db, onBehalfOnly, me, { sendOnBehalf: true });
  const base = Date.parse("2026-03-01T10:00:00Z");
  let n = 0;
  for (const account of [me, support, sales, sendAsOnly, onBehalfOnly, notMine, colleague]) {
    await addMessage(t.db, account, {
      subject: `Facture mars ${account.displayName}`,
      text: "Veuillez trouver la facture de l'été ci-jointe.",
      receivedAt: new Date(base + n++ * 60_000),
    });
    await addMessage(t.db, account, { subject: "Lunch", text: "Shall we?", receivedAt: new Date(base + n++ * 60_000) });
  }
  // a message in another folder of a shared mailbox is found too
  await addMessage(t.db, support, { folder: "archive", subject: "Old facture", receivedAt: new Date(base - 60_000) });
});

describe("search all my mailboxes", () => {
  it("covers the own mailbox and every Full Access mailbox, in the tree or not, labelled", async () => {
    const result = await search(me, "facture");
    expect(result.mailboxes.map((m) => m.displayName)).toEqual(["Guide", "Sales", "Support"]);
    expect(result.hits.map((h) => [h.mailbox.displayName, h.subject])).toEqual([
      ["Sales", "Facture mars Sales"],
      ["Support", "Facture mars Support"],
      ["Guide", "Facture mars Guide"],
      ["Support", "Old facture"],
    ]);
    const archived = result.hits.at(-1)!;
    expect(archived.folder).toMatchObject({ kind: "archive", segment: "archive" });
    expect(archived.mailbox.address).toBe(support.address);
  });

  it("keeps searching a Full Access mailbox the user removed from the tree", async () => {
    const other = await createUser(t.db, org);
    await delegate(t.db, support, other, { fullAccess: true });
    await removeSharedFolder(t.db, actorOf(other), { mailboxId: support.id });
    const result = await search(other, "mars");
    expect(result.hits.map((h) => h.mailbox.displayName)).toEqual(["Support"]);
  });

  it("never searches a mailbox with Send As or Send on Behalf only, nor anyone else's", async () => {
    const result = await search(me, "mars facture");
    const seen = new Set(result.hits.map((h) => h.mailbox.id));
    for (const box of [sendAsOnly, onBehalfOnly, notMine, colleague]) expect(seen.has(box.id)).toBe(false);
  });

  it("matches word prefixes, every word, accents and apostrophes", async () => {
    expect((await search(me, "fact ma")).hits).toHaveLength(3);
    expect((await search(me, "été")).hits).toHaveLength(3);
    expect((await search(me, "l'été facture")).hits).toHaveLength(3);
    expect((await search(me, "facture lunch")).hits).toHaveLength(0);
  });

  it("does not run a query for input with no word, and survives tsquery syntax", async () => {
    expect(await search(me, "  ")).toMatchObject({ searched: false, hits: [] });
    expect(await search(me, "&|!():*'\\")).toMatchObject({ searched: false, hits: [] });
    expect((await search(me, "facture & | ! ( lunch")).hits).toHaveLength(0);
    expect((await search(me, "(facture)")).hits).toHaveLength(4);
  });

  it("pages by keyset, stable when mail arrives between pages", async () => {
    const first = await search(me, "facture", null, 2);
    expect(first.hits.map((h) => h.subject)).toEqual(["Facture mars Sales", "Facture mars Support"]);
    expect(first.next).not.toBeNull();
    await addMessage(t.db, support, { subject: "Facture avril" });
    const second = await search(me, "facture", first.next, 2);
    expect(second.hits.map((h) => h.subject)).toEqual(["Facture mars Guide", "Old facture"]);
    expect(second.next).toBeNull();
  });

  it("merges mailboxes by date then id, and pages through equal dates without loss or repeat", async () => {
    const user = await createUser(t.db, org);
    const a = await createShared(t.db, org, { name: "Tie A" });
    const b = await createShared(t.db, org, { name: "Tie B" });
    await delegate(t.db, a, user, { fullAccess: true });
    await delegate(t.db, b, user, { fullAccess: true });
    const at = new Date("2026-04-01T08:00:00.123Z");
    for (const box of [a, b, user, a]) await addMessage(t.db, box, { subject: "Devis identique", receivedAt: at });
    const all = (await search(user, "devis", null, 10)).hits.map((h) => h.id);
    expect(all).toHaveLength(4);
    expect(all).toEqual([...all].sort().reverse());
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await search(user, "devis", after, 1);
      paged.push(...page.hits.map((h) => h.id));
      after = page.next;
      if (!after) break;
    }
    expect(paged).toEqual(all);
  });

  it("stops searching a mailbox on the request after Full Access is revoked", async () => {
    const user = await createUser(t.db, org);
    const grant = await delegate(t.db, sales, user, { fullAccess: true, sendAs: true });
    expect((await search(user, "facture")).hits.map((h) => h.mailbox.displayName)).toEqual(["Sales"]);
    await t.db.update(delegations).set({ fullAccess: false }).where(eq(delegations.id, grant.id));
    expect((await search(user, "facture")).hits).toEqual([]);
  });

  it("ignores a forged cursor", async () => {
    expect(decodeCursor("not-a-cursor")).toBeNull();
    // "Facture avril" arrived in the paging test: five in all
    expect((await search(me, "facture", "bogus")).hits).toHaveLength(5);
  });
});
