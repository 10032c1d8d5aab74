import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { delegations, messageContents, messages } from "../../db/schema";
import { setUserState } from "../../lib/admin/users/set-user-state";
import { endOwnSessions } from "../../lib/auth/sessions";
import { backfillImapSummaries } from "../../lib/imap-store/backfill";
import { setFlagged } from "../../lib/messages/manage-messages";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { imapClient, startImap, type RunningImap } from "../support/imap";
import { actorOf } from "../support/session";
import { useTestDb } from "../support/test-db";

/** IDLE at scale: revocation reaches an IDLE-ing client, a change costs its rows, ENVELOPE is stored. */
const t = useTestDb();
let imap: RunningImap;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  imap = await startImap(t.handle, { recheckMs: 200 });
  org = await createOrg(t.db);
});
afterAll(() => imap.close());

/** Resolves when the client's connection closes (with the server's BYE reason, if any). */
const closed = (client: { once: (event: string, fn: () => void) => void }) =>
  new Promise<void>((resolve) => client.once("close", () => resolve()));

describe("an IDLE-ing connection", () => {
  it("ends within seconds when its session is ended on the sessions page", async () => {
    const user = await createUser(t.db, org);
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen("INBOX");
    const gone = closed(client);
    const idling = client.idle().catch(() => {});
    await new Promise((r) => setTimeout(r, 200));
    await endOwnSessions(t.db, { ...actorOf(user), sessionId: "webmail-test" });
    const started = Date.now();
    await gone;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(client.usable).toBe(false);
    await idling;
  });

  it("ends within seconds when an admin suspends the account", async () => {
    const user = await createUser(t.db, org);
    const admin = await createUser(t.db, org, { role: "admin" });
    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen("INBOX");
    const gone = closed(client);
    const idling = client.idle().catch(() => {});
    await new Promise((r) => setTimeout(r, 200));
    await setUserState(t.db, actorOf(admin), { id: user.id, state: "suspended" });
    await gone;
    expect(client.usable).toBe(false);
    await idling;
  });

  it("on a shared mailbox ends within seconds when Full Access is revoked; its own mailbox's stays", async () => {
    const user = await createUser(t.db, org);
    const shared = await createShared(t.db, org);
    await delegate(t.db, shared, user, { fullAccess: true });
    const onShared = await imapClient(imap.port, user.address);
    await onShared.mailboxOpen(`Shared/${shared.address}/INBOX`);
    const onOwn = await imapClient(imap.port, user.address);
    await onOwn.mailboxOpen("INBOX");
    const gone = closed(onShared);
    const idling = onShared.idle().catch(() => {});
    const ownIdling = onOwn.idle().catch(() => {});
    await new Promise((r) => setTimeout(r, 200));
    await t.db
      .delete(delegations)
      .where(and(eq(delegations.mailboxId, shared.id), eq(delegations.delegateId, user.id)));
    await gone;
    expect(onShared.usable).toBe(false);
    await idling;
    await new Promise((r) => setTimeout(r, 600));
    expect(onOwn.usable).toBe(true);
    await onOwn.logout();
    await ownIdling;
  });
});

describe("a change in a 10,000-message folder", () => {
  it("reaches an IDLE-ing client, and reading it costs the changed row, not the folder", async () => {
    const user = await createUser(t.db, org);
    const first = await addMessage(t.db, user, { subject: "Message 0" });
    await t.db.execute(sql`
      insert into messages (account_id, folder_id, org_id, content_id, subject, snippet, size_bytes,
        received_at, from_address, from_name, to_list, cc_list, bcc_list, search_vector)
      select account_id, folder_id, org_id, content_id, 'Message ' || g, snippet, size_bytes, received_at,
        from_address, from_name, to_list, cc_list, bcc_list, search_vector
      from messages, generate_series(1, 9999) g where id = ${first.id}`);
    const client = await imapClient(imap.port, user.address);
    const box = await client.mailboxOpen("INBOX");
    expect(box.exists).toBe(10_000);
    const [target] = await t.db
      .select({ id: messages.id, uid: messages.uid })
      .from(messages)
      .where(and(eq(messages.accountId, user.id), eq(messages.subject, "Message 5000")));
    const flagged = new Promise<{ seq: number; flags: Set<string> }>((resolve) =>
      client.on("flags", (event: { seq: number; flags: Set<string> }) => resolve(event)),
    );
    const idling = client.idle();
    await new Promise((r) => setTimeout(r, 200));
    const before = imap.server.notifierStats();

    await setFlagged(t.db, actorOf(user), { id: user.id }, [target!.id], true);
    const event = await flagged;
    // UIDs 1…10,000 without gaps: the message's sequence number is its UID.
    expect(event.seq).toBe(target!.uid);
    expect([...event.flags]).toContain("\\Flagged");
    const after = imap.server.notifierStats();
    expect(after.lookups - before.lookups).toBeGreaterThanOrEqual(1);
    expect(after.rowsRead - before.rowsRead).toBeLessThanOrEqual(2);
    await client.logout();
    await idling.catch(() => {});
  }, 480_000); // seeding 10,000 rows (each through the UID, counter and thread triggers) is slow on a loaded machine
});

describe("ENVELOPE and BODYSTRUCTURE", () => {
  it("are stored at delivery, answer as if computed from the message, and are back-filled for older mail", async () => {
    const user = await createUser(t.db, org);
    const added = await addMessage(t.db, user, {
      subject: "Réunion à 10 h — ordre du jour",
      from: { name: "Élodie Dupré", address: "elodie@ailleurs.test" },
      html: "<p>bonjour</p>",
    });
    const [stored] = await t.db
      .select({ envelope: messageContents.imapEnvelope, structure: messageContents.imapBodystructure })
      .from(messageContents)
      .where(eq(messageContents.id, added.contentId));
    expect(stored!.envelope).toBeTruthy();
    expect(stored!.structure).toBeTruthy();

    const client = await imapClient(imap.port, user.address);
    await client.mailboxOpen("INBOX");
    const query = { envelope: true, bodyStructure: true } as const;
    const fromStored = await client.fetchOne("1", query, { uid: true });
    expect((fromStored as { envelope: { subject: string } }).envelope.subject).toBe("Réunion à 10 h — ordre du jour");

    // Mail stored before the columns existed: FETCH computes them from the raw message, alike.
    await t.db
      .update(messageContents)
      .set({ imapEnvelope: null, imapBodystructure: null })
      .where(eq(messageContents.id, added.contentId));
    const fromRaw = await client.fetchOne("1", query, { uid: true });
    expect((fromRaw as { envelope: unknown }).envelope).toEqual((fromStored as { envelope: unknown }).envelope);
    expect((fromRaw as { bodyStructure: unknown }).bodyStructure).toEqual(
      (fromStored as { bodyStructure: unknown }).bodyStructure,
    );

    expect(await backfillImapSummaries(t.db)).toBeGreaterThanOrEqual(1);
    const [filled] = await t.db
      .select({ envelope: messageContents.imapEnvelope, structure: messageContents.imapBodystructure })
      .from(messageContents)
      .where(eq(messageContents.id, added.contentId));
    expect(filled).toEqual(stored);
    expect(await backfillImapSummaries(t.db)).toBe(0);
    await client.logout();
  });
});
