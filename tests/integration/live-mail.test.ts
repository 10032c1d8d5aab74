import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "../../db/client";
import { delegations, type Account } from "../../db/schema";
import {
  sharedMailboxChanges,
  watchLiveMail,
  type LiveMailEvent,
  type LiveMailWatch,
} from "../../lib/events/live-mail";
import { addMessage, createOrg, createShared, createUser, delegate, folderOf } from "../support/factories";
import { actorOf } from "../support/session";
import { testDriver, useTestDb } from "../support/test-db";
import { sleep, until } from "../support/wait";

/**
 * New mail without reloading (issue 16.2): the events a signed-in person's stream gets are those of
 * the mailboxes they may open (own, or Full Access), never a stranger's or one delegated with Send As
 * or Send on Behalf alone; a revoked delegation stops them; a delivery through another connection
 * (another server process) reaches them through NOTIFY.
 */
const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let shared: Account;
let owner: Account;
const who: Record<string, Account> = {};
const seen: Record<string, LiveMailEvent[]> = {};
const watches: LiveMailWatch[] = [];

const foldersSeen = (name: string) => seen[name]!.flatMap((e) => e.folders);

beforeAll(async () => {
  org = await createOrg(t.db);
  shared = await createShared(t.db, org, { name: "Support" });
  owner = await createUser(t.db, org, { name: "Owner" });
  for (const right of ["fullAccess", "sendAs", "sendOnBehalf"] as const) {
    who[right] = await createUser(t.db, org, { name: `Has ${right}` });
    await delegate(t.db, shared, who[right]!, { [right]: true });
  }
  who.colleague = await createUser(t.db, org);
  who.admin = await createUser(t.db, org, { role: "admin" });
  who.foreigner = await createUser(t.db, await createOrg(t.db));
  who.owner = owner;
  const changes = await sharedMailboxChanges(t.handle);
  for (const [name, account] of Object.entries(who)) {
    seen[name] = [];
    watches.push(await watchLiveMail(t.db, changes, actorOf(account), (e) => seen[name]!.push(e), { delayMs: 50 }));
  }
});

afterAll(() => {
  for (const watch of watches) watch.close();
});

const clear = () => Object.values(seen).forEach((list) => (list.length = 0));

describe("live mail events", () => {
  it("shares one listener per database handle", async () => {
    expect(await sharedMailboxChanges(t.handle)).toBe(await sharedMailboxChanges(t.handle));
  });

  it("a delivery to a shared mailbox reaches its Full Access delegate only, with the folder's counts", async () => {
    clear();
    const inbox = await folderOf(t.db, shared, "inbox");
    await addMessage(t.db, shared, { subject: "New ticket" });
    await until(() => seen.fullAccess!.length > 0);
    expect(foldersSeen("fullAccess")).toEqual([{ mailboxId: shared.id, folderId: inbox.id, total: 1, unread: 1 }]);
    await sleep(300);
    for (const name of ["sendAs", "sendOnBehalf", "colleague", "admin", "foreigner", "owner"]) {
      expect([name, seen[name]]).toEqual([name, []]);
    }
  });

  it("a delivery to a user mailbox reaches its owner only; reading it sends the new unread count", async () => {
    clear();
    const inbox = await folderOf(t.db, owner, "inbox");
    const { id } = await addMessage(t.db, owner, { subject: "Hello you" });
    await until(() => seen.owner!.length > 0);
    expect(foldersSeen("owner")).toEqual([{ mailboxId: owner.id, folderId: inbox.id, total: 1, unread: 1 }]);
    await t.db.execute(sql`update messages set seen = true where id = ${id}`);
    await until(() => seen.owner!.length > 1);
    expect(seen.owner![1]!.folders).toEqual([{ mailboxId: owner.id, folderId: inbox.id, total: 1, unread: 0 }]);
    for (const name of ["fullAccess", "sendAs", "sendOnBehalf", "colleague", "admin", "foreigner"]) {
      expect([name, seen[name]]).toEqual([name, []]);
    }
  });

  it("a delegation cut to Send As sends nothing more, at once (before any re-check)", async () => {
    await t.db
      .update(delegations)
      .set({ fullAccess: false, sendAs: true })
      .where(and(eq(delegations.mailboxId, shared.id), eq(delegations.delegateId, who.fullAccess!.id)));
    clear();
    await addMessage(t.db, shared, { subject: "After revocation" });
    await sleep(500);
    expect(seen.fullAccess).toEqual([]);
  });

  it("a delegation granted later is watched after the stream's re-check", async () => {
    await t.db
      .update(delegations)
      .set({ fullAccess: true })
      .where(and(eq(delegations.mailboxId, shared.id), eq(delegations.delegateId, who.sendAs!.id)));
    const index = Object.keys(who).indexOf("sendAs");
    await watches[index]!.recheck();
    clear();
    await addMessage(t.db, shared, { subject: "For the new delegate" });
    await until(() => foldersSeen("sendAs").some((f) => f.total === 3));
    expect(foldersSeen("sendAs").at(-1)).toMatchObject({ mailboxId: shared.id, total: 3, unread: 3 });
  });

  it.skipIf(testDriver !== "postgres")(
    "a delivery made by another connection (another process) reaches the stream",
    async () => {
      const rows = (await t.db.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
      const name = rows[0]!.name;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const other: DbHandle = createDb({ url: url.toString(), max: 1 });
      try {
        clear();
        const inbox = await folderOf(other.db, owner, "inbox");
        await addMessage(other.db, owner, { subject: "From the other process" });
        await until(() => seen.owner!.length > 0, 2000);
        expect(foldersSeen("owner")).toEqual([{ mailboxId: owner.id, folderId: inbox.id, total: 2, unread: 1 }]);
      } finally {
        await other.close();
      }
    },
  );
});
