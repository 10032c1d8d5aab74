import { beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../db/schema";
import { loadComposeContext } from "../../../lib/compose/compose-page-data";
import type { QuoteLabels } from "../../../lib/compose/prefill";
import { addMessage, createOrg, createShared, createUser, delegate } from "../../support/factories";
import { actorOf } from "../../support/session";
import { useTestDb } from "../../support/test-db";

const t = useTestDb();
const labels: QuoteLabels = {
  wrote: ({ from }) => `${from} wrote:`,
  forwarded: "Forwarded",
  from: "From",
  date: "Date",
  subject: "Subject",
  to: "To",
  cc: "Cc",
  formatDate: (d) => d.toISOString(),
};

let guide: Account;
let configuration: Account;
let behalf: Account;
let stranger: Account;
let support: Account;

beforeAll(async () => {
  const org = await createOrg(t.db);
  const other = await createOrg(t.db);
  guide = await createUser(t.db, org, { local: "guide" });
  configuration = await createUser(t.db, org, { local: "configuration" });
  behalf = await createUser(t.db, org, { local: "behalf" });
  stranger = await createUser(t.db, other, { local: "stranger" });
  support = await createShared(t.db, org, { local: "support", name: "Support" });
  await delegate(t.db, support, guide, { fullAccess: true });
  await delegate(t.db, support, configuration, { fullAccess: true, sendAs: true });
  await delegate(t.db, support, behalf, { sendOnBehalf: true });
});

const load = (a: Account, params: Record<string, string>) => loadComposeContext(t.db, actorOf(a), params, labels);

describe("where compose starts (R5)", () => {
  it("defaults From to the shared mailbox composed in, when the user may send from it", async () => {
    expect((await load(configuration, { mailbox: support.address })).initial.from).toBe(`as:${support.address}`);
    expect((await load(behalf, { mailbox: support.address })).initial.from).toBe(`onBehalf:${support.address}`);
    // Full Access alone: their own address
    expect((await load(guide, { mailbox: support.address })).initial.from).toBe(`as:${guide.address}`);
    expect((await load(configuration, {})).initial.from).toBe(`as:${configuration.address}`);
  });

  it("defaults From to the shared mailbox when replying to its mail", async () => {
    const message = await addMessage(t.db, support, {
      subject: "Ticket 42",
      from: { name: "Client", address: "client@elsewhere.test" },
    });
    const context = await load(configuration, { reply: message.id });
    expect(context.initial).toMatchObject({
      mode: "reply",
      from: `as:${support.address}`,
      subject: "Re: Ticket 42",
      replyOf: message.id,
    });
    expect(context.initial.to).toBe("Client <client@elsewhere.test>");
    expect(context.backHref).toBe(`/mail/${encodeURIComponent(support.address)}/inbox`);
  });

  it("answers notFound for a message the user may not open, and for a draft id that is not a draft", async () => {
    const message = await addMessage(t.db, support, { subject: "Private" });
    for (const who of [behalf, stranger]) {
      await expect(load(who, { reply: message.id })).rejects.toMatchObject({ code: "notFound" });
      await expect(load(who, { forward: message.id })).rejects.toMatchObject({ code: "notFound" });
    }
    await expect(load(guide, { draft: message.id })).rejects.toMatchObject({ code: "notFound" });
    await expect(load(guide, { reply: "not-a-uuid" })).rejects.toMatchObject({ code: "notFound" });
  });

  it("ignores a ?mailbox= the user has no right on (no hint that it exists)", async () => {
    const context = await load(stranger, { mailbox: support.address });
    expect(context.contextAddress).toBeNull();
    expect(context.initial.from).toBe(`as:${stranger.address}`);
    expect(context.backHref).toBe(`/mail/${encodeURIComponent(stranger.address)}/inbox`);
  });

  it("reports the user's own quota standing for the banner", async () => {
    const context = await load(guide, {});
    expect(context.ownQuota).toMatchObject({ address: guide.address, level: "ok" });
  });
});
