import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, delegations } from "../../db/schema";
import { addMessage, createOrg, createShared, createUser, delegate, TEST_PASSWORD } from "../support/factories";
import { imapClient, rawImap, startImap, type RunningImap } from "../support/imap";
import { useTestDb } from "../support/test-db";

/** ACL (RFC 4314) and QUOTA (RFC 9208) over IMAP: what each delegation right alone gives. */
const t = useTestDb();
let imap: RunningImap;
let org: Awaited<ReturnType<typeof createOrg>>;

beforeAll(async () => {
  imap = await startImap(t.handle);
  org = await createOrg(t.db);
});
afterAll(() => imap.close());

const login = (address: string) => `LOGIN ${address} ${TEST_PASSWORD}`;

/** One raw IMAP connection kept open between commands (so the test can act between them). */
async function rawSession(port: number) {
  const net = await import("node:net");
  const socket = net.connect(port, "127.0.0.1");
  socket.setEncoding("utf8");
  let buffer = "";
  let wake = () => {};
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    wake();
  });
  const until = async (done: (text: string) => boolean) => {
    while (!done(buffer)) await new Promise<void>((resolve) => (wake = resolve));
    const text = buffer;
    buffer = "";
    return text;
  };
  await until((b) => b.includes("\r\n"));
  let n = 0;
  return {
    send: (command: string) => {
      const tag = `S${++n}`;
      socket.write(`${tag} ${command}\r\n`);
      return until((b) => new RegExp(`(^|\\r\\n)${tag} (OK|NO|BAD)`).test(b));
    },
    close: () => socket.destroy(),
  };
}

/** A shared mailbox, with one delegate per right alone, and a stranger of the same organisation. */
async function team() {
  const shared = await createShared(t.db, org, { quotaBytes: 5 * 1024 * 1024 });
  const full = await createUser(t.db, org);
  const sendAs = await createUser(t.db, org);
  const onBehalf = await createUser(t.db, org);
  const stranger = await createUser(t.db, org);
  await delegate(t.db, shared, full, { fullAccess: true });
  await delegate(t.db, shared, sendAs, { sendAs: true });
  await delegate(t.db, shared, onBehalf, { sendOnBehalf: true });
  return { shared, full, sendAs, onBehalf, stranger };
}

describe("CAPABILITY", () => {
  it("announces ACL with the RFC 4314 rights, QUOTA and LITERAL+, before and after sign-in", async () => {
    const user = await createUser(t.db, org);
    const [before, , after] = await rawImap(imap.port, ["CAPABILITY", login(user.address), "CAPABILITY"]);
    for (const reply of [before!, after!]) {
      const caps = reply
        .split("\r\n")
        .find((l) => l.startsWith("* CAPABILITY"))!
        .split(" ");
      expect(caps).toEqual(expect.arrayContaining(["ACL", "RIGHTS=texk", "QUOTA", "QUOTA=RES-STORAGE", "LITERAL+"]));
      expect(caps).not.toContain("CONDSTORE");
    }
  });
});

describe("MYRIGHTS", () => {
  it("gives the owner every right on their folders", async () => {
    const user = await createUser(t.db, org);
    const [, inbox, sent] = await rawImap(imap.port, [login(user.address), "MYRIGHTS INBOX", "MYRIGHTS Sent"]);
    expect(inbox).toContain('* MYRIGHTS "INBOX" lrwstipekxacd');
    expect(inbox).toMatch(/A2 OK/);
    expect(sent).toContain("lrwstipekxacd");
  });

  it("gives Full Access all but administer; Send As, Send on Behalf alone and a stranger: nothing", async () => {
    const { shared, full, sendAs, onBehalf, stranger } = await team();
    const path = `"Shared/${shared.address}/INBOX"`;
    const [, rights, container] = await rawImap(imap.port, [
      login(full.address),
      `MYRIGHTS ${path}`,
      `MYRIGHTS "Shared/${shared.address}"`,
    ]);
    expect(rights).toContain(`* MYRIGHTS "Shared/${shared.address}/INBOX" lrwstipekxcd`);
    expect(container).toContain(`* MYRIGHTS "Shared/${shared.address}" lk`);
    for (const none of [sendAs, onBehalf, stranger]) {
      const [, reply, box] = await rawImap(imap.port, [
        login(none.address),
        `MYRIGHTS ${path}`,
        `MYRIGHTS "Shared/${shared.address}"`,
      ]);
      expect(reply).not.toContain("* MYRIGHTS");
      expect(reply).toMatch(/A2 NO \[NONEXISTENT\]/);
      expect(box).toMatch(/A3 NO \[NONEXISTENT\]/);
    }
  });

  it("follows a revocation within the open session", async () => {
    const { shared, full } = await team();
    const session = await rawSession(imap.port);
    const path = `"Shared/${shared.address}/INBOX"`;
    await session.send(login(full.address));
    expect(await session.send(`MYRIGHTS ${path}`)).toContain("lrwstipekxcd");
    await t.db
      .delete(delegations)
      .where(and(eq(delegations.mailboxId, shared.id), eq(delegations.delegateId, full.id)));
    const after = await session.send(`MYRIGHTS ${path}`);
    expect(after).not.toContain("* MYRIGHTS");
    expect(after).toMatch(/NO \[NONEXISTENT\]/);
    session.close();
  });
});

describe("GETACL and LISTRIGHTS", () => {
  it("list the owner and the Full Access delegates, for those who may open the mailbox", async () => {
    const { shared, full, sendAs, onBehalf, stranger } = await team();
    const other = await createUser(t.db, org);
    await delegate(t.db, shared, other, { fullAccess: true, sendAs: true });
    const path = `"Shared/${shared.address}/INBOX"`;
    const [, acl, rights] = await rawImap(imap.port, [
      login(full.address),
      `GETACL ${path}`,
      `LISTRIGHTS ${path} ${full.address}`,
    ]);
    const line = acl!.split("\r\n").find((l) => l.startsWith("* ACL"))!;
    expect(line).toContain(`"${full.address}" lrwstipekxcd`);
    expect(line).toContain(`"${other.address}" lrwstipekxcd`);
    for (const none of [sendAs, onBehalf, stranger]) expect(line).not.toContain(none.address);
    expect(line).not.toContain(`"${shared.address}"`); // a shared mailbox has no owner who signs in
    expect(rights).toContain(`* LISTRIGHTS "Shared/${shared.address}/INBOX" "${full.address}" "" lrwstipekxcd`);

    const user = await createUser(t.db, org);
    const [, own] = await rawImap(imap.port, [login(user.address), "GETACL INBOX"]);
    expect(own).toContain(`* ACL "INBOX" "${user.address}" lrwstipekxacd`);

    for (const none of [sendAs, onBehalf, stranger]) {
      const [, reply] = await rawImap(imap.port, [login(none.address), `GETACL ${path}`]);
      expect(reply).not.toContain("* ACL");
      expect(reply).toMatch(/A2 NO \[NONEXISTENT\]/);
    }
  });

  it("refuses SETACL and DELETEACL, pointing at the admin area, and changes nothing", async () => {
    const { shared, full, stranger } = await team();
    const path = `"Shared/${shared.address}/INBOX"`;
    const [, set, del] = await rawImap(imap.port, [
      login(full.address),
      `SETACL ${path} ${stranger.address} lrwstipekxcd`,
      `DELETEACL ${path} ${full.address}`,
    ]);
    expect(set).toMatch(/A2 NO \[NOPERM\] .*admin area/);
    expect(del).toMatch(/A3 NO \[NOPERM\] .*admin area/);
    const rows = await t.db.select().from(delegations).where(eq(delegations.mailboxId, shared.id));
    expect(rows.map((r) => r.delegateId)).not.toContain(stranger.id);
    expect(rows.find((r) => r.delegateId === full.id)?.fullAccess).toBe(true);
  });
});

describe("QUOTA", () => {
  const kib = (bytes: number) => Math.ceil(bytes / 1024);

  it("reports each mailbox's own root with the webmail's used and quota numbers", async () => {
    const { shared, full, sendAs, stranger } = await team();
    await addMessage(t.db, full, { subject: "mine", text: "x".repeat(5000) });
    await addMessage(t.db, shared, { subject: "team", text: "y".repeat(9000) });
    const [own] = await t.db.select().from(accounts).where(eq(accounts.id, full.id));
    const [team_] = await t.db.select().from(accounts).where(eq(accounts.id, shared.id));
    expect(own!.usedBytes).toBeGreaterThan(0);

    const client = await imapClient(imap.port, full.address);
    expect(await client.getQuota("INBOX")).toMatchObject({
      quotaRoot: full.address,
      storage: { usage: kib(own!.usedBytes) * 1024, limit: kib(own!.quotaBytes) * 1024 },
    });
    expect(await client.getQuota(`Shared/${shared.address}/Sent`)).toMatchObject({
      quotaRoot: shared.address,
      storage: { usage: kib(team_!.usedBytes) * 1024, limit: 5 * 1024 * 1024 },
    });
    await client.logout();

    const [, root] = await rawImap(imap.port, [login(full.address), `GETQUOTA "${shared.address}"`]);
    expect(root).toContain(`* QUOTA "${shared.address}" (STORAGE ${kib(team_!.usedBytes)} 5120)`);
    for (const none of [sendAs, stranger]) {
      const [, byRoot, byFolder] = await rawImap(imap.port, [
        login(none.address),
        `GETQUOTA "${shared.address}"`,
        `GETQUOTAROOT "Shared/${shared.address}/INBOX"`,
      ]);
      expect(byRoot).not.toContain("* QUOTA");
      expect(byRoot).toMatch(/A2 NO/);
      expect(byFolder).not.toContain("* QUOTA");
      expect(byFolder).toMatch(/A3 NO/);
    }
  });
});
