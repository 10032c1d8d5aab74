import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { delegations } from "../../db/schema";
import { setUserState } from "../../lib/admin/users/set-user-state";
import { endOwnSessions, listOwnSessions } from "../../lib/auth/sessions";
import { addMessage, createOrg, createShared, createUser, delegate, TEST_PASSWORD } from "../support/factories";
import { imapClient, rawImap, startImap, type RunningImap } from "../support/imap";
import { useTestDb } from "../support/test-db";

/** The shared namespace over IMAP: what each delegation right alone gives, and revocation mid-session. */
const t = useTestDb();
let imap: RunningImap;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  // These tests are about the check each command makes: the periodic sweep (tested in
  // imap-sync-scale.test.ts) must not end a connection first on a slow machine.
  imap = await startImap(t.handle, { recheckMs: 600_000 });
  org = await createOrg(t.db);
});
afterAll(() => imap.close());

const sharedPaths = (paths: string[], address: string) => paths.filter((p) => p.includes(address));

describe("sign-in", () => {
  it("refuses a wrong password and a shared mailbox's address alike", async () => {
    const user = await createUser(t.db, org);
    const shared = await createShared(t.db, org);
    await expect(imapClient(imap.port, user.address, "wrong-password")).rejects.toThrow();
    await expect(imapClient(imap.port, shared.address, "anything")).rejects.toThrow();
  });
});

describe("the shared namespace", () => {
  it("is announced by NAMESPACE", async () => {
    const user = await createUser(t.db, org);
    const [, reply] = await rawImap(imap.port, [`LOGIN ${user.address} ${TEST_PASSWORD}`, "NAMESPACE"]);
    expect(reply).toContain('* NAMESPACE (("" "/")) NIL (("Shared/" "/"))');
  });

  it("shows a Full Access mailbox's folders, subscribed if automapped; Send As, On Behalf alone: nothing", async () => {
    const user = await createUser(t.db, org);
    const full = await createShared(t.db, org);
    const notMapped = await createShared(t.db, org);
    const sendAs = await createShared(t.db, org);
    const onBehalf = await createShared(t.db, org);
    const stranger = await createShared(t.db, org);
    await delegate(t.db, full, user, { fullAccess: true });
    await delegate(t.db, notMapped, user, { fullAccess: true, automap: false });
    await delegate(t.db, sendAs, user, { sendAs: true });
    await delegate(t.db, onBehalf, user, { sendOnBehalf: true });
    await addMessage(t.db, full, { subject: "for the team" });

    const client = await imapClient(imap.port, user.address);
    const paths = (await client.list()).map((f) => f.path);
    expect(sharedPaths(paths, full.address)).toEqual(
      expect.arrayContaining([`Shared/${full.address}/INBOX`, `Shared/${full.address}/Trash`]),
    );
    expect(sharedPaths(paths, notMapped.address)).toContain(`Shared/${notMapped.address}/INBOX`);
    for (const none of [sendAs, onBehalf, stranger]) expect(sharedPaths(paths, none.address)).toEqual([]);

    const subscribed = (await client.list({ statusQuery: {} })).filter((f) => f.subscribed).map((f) => f.path);
    expect(subscribed).toContain(`Shared/${full.address}/INBOX`);
    expect(subscribed).not.toContain(`Shared/${notMapped.address}/INBOX`);

    const status = await client.status(`Shared/${full.address}/INBOX`, { messages: true, unseen: true });
    expect(status).toMatchObject({ messages: 1, unseen: 1 });
    for (const none of [sendAs, onBehalf, stranger]) {
      await expect(client.mailboxOpen(`Shared/${none.address}/INBOX`)).rejects.toThrow();
    }
    await client.logout();
  });

  it("ends access on the next command when Full Access is revoked during the session", async () => {
    const user = await createUser(t.db, org);
    const shared = await createShared(t.db, org);
    await delegate(t.db, shared, user, { fullAccess: true });
    await addMessage(t.db, shared, { subject: "secret" });
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen(`Shared/${shared.address}/INBOX`);
    const before = await client.search({ all: true }, { uid: true });
    expect(before).toHaveLength(1);

    await t.db
      .delete(delegations)
      .where(and(eq(delegations.mailboxId, shared.id), eq(delegations.delegateId, user.id)));

    await expect(client.fetchOne("1", { envelope: true }, { uid: true })).rejects.toMatchObject({
      responseText: expect.any(String),
      responseStatus: "NO",
    });
    await expect(client.search({ all: true }, { uid: true })).resolves.toBeFalsy();
    const paths = (await client.list()).map((f) => f.path);
    expect(sharedPaths(paths, shared.address)).toEqual([]);
    await client.logout();
  });
});

describe("the IMAP session", () => {
  const admin = async () => {
    const account = await createUser(t.db, org, { role: "admin" });
    return { ...account, role: "admin" as const, sessionId: "admin-test" };
  };

  it("is listed with the webmail's sessions; ending it there closes the connection at its next command", async () => {
    const user = await createUser(t.db, org);
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen("INBOX");
    const actor = { ...user, role: "user" as const, sessionId: "webmail-test" };
    const listed = await listOwnSessions(t.db, actor);
    expect(listed.map((s) => s.userAgent)).toContain("IMAP");

    await endOwnSessions(t.db, actor);
    await expect(client.search({ all: true }, { uid: true })).rejects.toMatchObject({
      code: "NoConnection",
      reason: expect.stringContaining("session has ended"),
    });
    expect(client.usable).toBe(false);
  });

  it("ends on the next command when an admin suspends the account, and a reactivation does not revive it", async () => {
    const user = await createUser(t.db, org);
    await addMessage(t.db, user, { subject: "mine" });
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen("INBOX");
    expect(await client.search({ all: true }, { uid: true })).toHaveLength(1);

    const by = await admin();
    await setUserState(t.db, by, { id: user.id, state: "suspended" });
    await setUserState(t.db, by, { id: user.id, state: "active" });
    await expect(client.search({ all: true }, { uid: true })).rejects.toMatchObject({
      code: "NoConnection",
      reason: expect.stringContaining("session has ended"),
    });
    expect(client.usable).toBe(false);
    // A new sign-in works again once the account is active.
    const again = await imapClient(imap.port, user.address);
    await again.mailboxOpen("INBOX");
    expect(await again.search({ all: true }, { uid: true })).toHaveLength(1);
    await again.logout();
  });
});
