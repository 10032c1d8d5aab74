import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { imapClient, startImap, type RunningImap } from "../support/imap";
import { useTestDb } from "../support/test-db";

const t = useTestDb();
let imap: RunningImap;

beforeAll(async () => {
  imap = await startImap(t.handle);
});
afterAll(() => imap.close());

describe("IMAP basics", () => {
  it("signs in, lists own folders with SPECIAL-USE and the shared namespace, fetches a message", async () => {
    const org = await createOrg(t.db);
    const user = await createUser(t.db, org, { local: "guide" });
    const shared = await createShared(t.db, org, { local: "support" });
    await delegate(t.db, shared, user, { fullAccess: true });
    await addMessage(t.db, user, { subject: "Bonjour", text: "Le texte du message." });
    await addMessage(t.db, shared, { subject: "Ticket 42" });

    const client = await imapClient(imap.port, user.address);
    const list = await client.list();
    const paths = list.map((f) => f.path);
    expect(paths).toContain("INBOX");
    expect(paths).toContain(`Shared/${shared.address}/INBOX`);
    expect(list.find((f) => f.path === "Trash")?.specialUse).toBe("\\Trash");

    const lock = await client.getMailboxLock("INBOX");
    const messages = [];
    for await (const m of client.fetch("1:*", {
      uid: true,
      flags: true,
      envelope: true,
      bodyStructure: true,
      source: true,
    })) {
      messages.push(m);
    }
    // ENVELOPE alone is answered from the message header, cut in the database.
    const envelopeOnly = await client.fetchOne("1", { envelope: true, size: true });
    expect(envelopeOnly).toMatchObject({ envelope: { subject: "Bonjour" }, size: messages[0]!.source!.length });
    lock.release();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.envelope?.subject).toBe("Bonjour");
    expect(messages[0]!.source?.toString()).toContain("Le texte du message.");
    await client.logout();
  });
});
