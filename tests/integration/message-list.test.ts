import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../db/schema";
import { listFolderPage, pageRequest, type MessagePage } from "../../lib/messages/list-messages";
import { buildPrefixQuery, searchMailbox, searchMessages } from "../../lib/messages/search";
import { addMessage, createOrg, createUser, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let owner: Account;
let other: Account;
const base = Date.UTC(2026, 0, 1);
const at = (minutes: number) => new Date(base + minutes * 60_000);

beforeAll(async () => {
  const org = await createOrg(t.db);
  owner = await createUser(t.db, org);
  other = await createUser(t.db, org);
});

const subjects = (page: MessagePage) => page.rows.map((r) => r.subject);

describe("keyset paging of a folder", () => {
  it("pages newest first and stays stable while mail arrives between pages", async () => {
    const user = await createUser(t.db, { id: owner.orgId, domain: owner.address.split("@")[1]! });
    for (let i = 1; i <= 7; i++) await addMessage(t.db, user, { subject: `m${i}`, receivedAt: at(i) });
    // Two messages with the same timestamp: the id breaks the tie, none is lost or repeated.
    await addMessage(t.db, user, { subject: "tie-a", receivedAt: at(4) });
    const inbox = await folderOf(t.db, user, "inbox");
    const folder = { orgId: user.orgId, id: inbox.id };

    const first = await listFolderPage(t.db, folder, pageRequest({}), 3);
    expect(subjects(first).slice(0, 2)).toEqual(["m7", "m6"]);
    expect(first.newer).toBeNull();
    expect(first.older).not.toBeNull();

    // New mail arrives (newer than everything) and old mail is imported (older than the cursor).
    await addMessage(t.db, user, { subject: "arrived", receivedAt: at(100) });
    await addMessage(t.db, user, { subject: "imported", receivedAt: at(0) });
    const second = await listFolderPage(t.db, folder, pageRequest({ after: first.older! }), 3);
    const third = await listFolderPage(t.db, folder, pageRequest({ after: second.older! }), 3);
    const seen = [...subjects(first), ...subjects(second), ...subjects(third)];
    expect(seen).not.toContain("arrived");
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    expect(seen.filter((s) => /^m\d$/.test(s))).toEqual(["m7", "m6", "m5", "m4", "m3", "m2", "m1"]);
    expect(seen.at(-1)).toBe("imported");
    expect(third.older).toBeNull();

    // Back towards the newest: the page before the second page is the first page again, and it
    // now says there is newer mail.
    const back = await listFolderPage(t.db, folder, pageRequest({ before: second.newer! }), 3);
    expect(subjects(back)).toEqual(subjects(first));
    expect(back.newer).not.toBeNull();
    const newest = await listFolderPage(t.db, folder, pageRequest({ before: back.newer! }), 3);
    expect(subjects(newest)).toEqual(["arrived"]);
    expect(newest.newer).toBeNull();
  });

  it("ignores a cursor that is not one of ours", () => {
    expect(pageRequest({ after: "not-a-cursor" })).toEqual({ cursor: null, direction: "after" });
    expect(pageRequest({ after: Buffer.from("2026-01-01|x' or 1=1").toString("base64url") }).cursor).toBeNull();
  });
});

describe("search", () => {
  beforeAll(async () => {
    await addMessage(t.db, owner, {
      subject: "Facture n° 2026-1142",
      from: { name: "Julie Dubois", address: "julie.dubois@client-exemple.fr" },
      text: "Pourriez-vous me renvoyer la facture ? Merci d'avance.",
      receivedAt: at(1),
    });
    await addMessage(t.db, owner, {
      subject: "Quarterly review",
      from: { name: "Tom Baker", address: "tom@partner.example" },
      text: "Agenda: results, hiring plan, office move.",
      receivedAt: at(2),
    });
    await addMessage(t.db, owner, {
      folder: "archive",
      subject: "Old invoice",
      text: "The facture from last year, archived.",
      receivedAt: at(3),
    });
    await addMessage(t.db, other, { subject: "Facture secrète", text: "facture", receivedAt: at(4) });
  });

  const search = (query: string, folderId?: string) =>
    searchMailbox(t.db, actorOf(owner), { id: owner.id }, { query, folderId }, pageRequest({}));

  it("finds by subject, sender, recipient and body, with prefixes, in the whole mailbox", async () => {
    expect(subjects(await search("factu"))).toEqual(["Old invoice", "Facture n° 2026-1142"]);
    expect(subjects(await search("julie"))).toEqual(["Facture n° 2026-1142"]);
    expect(subjects(await search("julie.dubois@client-exemple.fr"))).toEqual(["Facture n° 2026-1142"]);
    expect(subjects(await search(owner.address.split("@")[0]!)).length).toBe(3);
    expect(subjects(await search("hiring plan"))).toEqual(["Quarterly review"]);
    expect(subjects(await search("HIRING"))).toEqual(["Quarterly review"]);
    expect(subjects(await search("hiring nothing-like-this"))).toEqual([]);
  });

  it("searches one folder when asked", async () => {
    const inbox = await folderOf(t.db, owner, "inbox");
    expect(subjects(await search("facture", inbox.id))).toEqual(["Facture n° 2026-1142"]);
  });

  it("never finds another mailbox's mail", async () => {
    const found = await search("secrète");
    expect(found.rows).toEqual([]);
  });

  it("takes any input without a syntax error", async () => {
    for (const input of [
      "'",
      "\\",
      "':*",
      "a & | ! ( ) : * <->",
      "'; drop table messages; --",
      "((",
      "é'è\\",
      "   ",
      "!!!",
    ]) {
      await expect(search(input)).resolves.toBeDefined();
    }
    expect(buildPrefixQuery("  ")).toBeNull();
    expect(buildPrefixQuery("!!! ...")).toBeNull();
    expect(buildPrefixQuery("l'été a\\b")).toBe("'l''été':* & 'a\\\\b':*");
  });

  it("pages results like the list", async () => {
    const first = await searchMessages(
      t.db,
      { orgId: owner.orgId, mailboxIds: [owner.id] },
      "facture",
      pageRequest({}),
      1,
    );
    expect(subjects(first)).toEqual(["Old invoice"]);
    const second = await searchMessages(
      t.db,
      { orgId: owner.orgId, mailboxIds: [owner.id] },
      "facture",
      pageRequest({ after: first.older! }),
      1,
    );
    expect(subjects(second)).toEqual(["Facture n° 2026-1142"]);
    expect(second.older).toBeNull();
  });

  it("searches several mailboxes the caller has checked, labelled by mailbox", async () => {
    const found = await searchMessages(
      t.db,
      { orgId: owner.orgId, mailboxIds: [owner.id, other.id] },
      "facture",
      pageRequest({}),
    );
    expect(found.rows.map((r) => [r.subject, r.accountId === other.id])).toEqual([
      ["Facture secrète", true],
      ["Old invoice", false],
      ["Facture n° 2026-1142", false],
    ]);
    expect(
      (await searchMessages(t.db, { orgId: owner.orgId, mailboxIds: [] }, "facture", pageRequest({}))).rows,
    ).toEqual([]);
  });
});
