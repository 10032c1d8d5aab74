import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, conversationStates, delegations, sharedFolderLinks, type Account } from "../../../db/schema";
import { assignConversation } from "../../../lib/conversations/triage";
import { requireMailboxRight } from "../../../lib/access/mailbox-access";
import { applyDelegations } from "../../../lib/admin/delegations/apply-delegations";
import { loadDelegationGrid } from "../../../lib/admin/delegations/load-delegation-grid";
import { reviewDelegations } from "../../../lib/admin/delegations/review-delegations";
import type { DelegationGridInput } from "../../../lib/admin/schemas";
import { refusal } from "../../support/domain-error";
import { addMessage, createOrg, createShared, createUser, delegate } from "../../support/factories";
import { actorOf } from "../../support/session";
import { useTestDb } from "../../support/test-db";

const t = useTestDb();
let org: Awaited<ReturnType<typeof createOrg>>;
let admin: Account;
let guide: Account;
let configuration: Account;

beforeAll(async () => {
  org = await createOrg(t.db);
  admin = await createUser(t.db, org, { role: "admin", local: "admin" });
  guide = await createUser(t.db, org, { local: "guide" });
  configuration = await createUser(t.db, org, { local: "configuration" });
});

type Ticks = { fullAccess?: boolean; sendAs?: boolean; sendOnBehalf?: boolean; automap?: boolean };
/** The grid as the form would submit it: every listed person, and the ids ticked per column. */
function grid(mailbox: Account, people: Account[], ticks: Map<Account, Ticks>): DelegationGridInput {
  const col = (k: keyof Ticks, fallback = false) =>
    people.filter((p) => ticks.get(p)?.[k] ?? fallback).map((p) => p.id);
  return {
    mailboxId: mailbox.id,
    delegates: people.map((p) => p.id),
    fullAccess: col("fullAccess"),
    sendAs: col("sendAs"),
    sendOnBehalf: col("sendOnBehalf"),
    automap: col("automap", true),
  };
}

const rowsOf = async (mailbox: Account) =>
  t.db
    .select({
      delegateId: delegations.delegateId,
      fullAccess: delegations.fullAccess,
      sendAs: delegations.sendAs,
      sendOnBehalf: delegations.sendOnBehalf,
      automap: delegations.automap,
    })
    .from(delegations)
    .where(eq(delegations.mailboxId, mailbox.id));

async function confirm(mailbox: Account, input: DelegationGridInput) {
  const review = await reviewDelegations(t.db, actorOf(admin), input);
  const result = await applyDelegations(t.db, actorOf(admin), { ...input, fingerprint: review.fingerprint });
  return { review, result };
}

describe("configuring delegations (R3), as in the guide", () => {
  it("lists the organisation's user mailboxes, not shared ones nor the mailbox itself", async () => {
    const box = await createShared(t.db, org);
    await createShared(t.db, org);
    const loaded = await loadDelegationGrid(t.db, actorOf(admin), box.id);
    expect(loaded.rows.map((r) => r.address)).toEqual([admin.address, configuration.address, guide.address].sort());
    const ofUser = await loadDelegationGrid(t.db, actorOf(admin), guide.id);
    expect(ofUser.rows.map((r) => r.id)).not.toContain(guide.id);
  });

  it(
    "summarises person by person, then applies at once: guide Full Access, configuration Full Access + Send " + "As",
    async () => {
      const box = await createShared(t.db, org);
      const people = [admin, configuration, guide];
      const input = grid(
        box,
        people,
        new Map([
          [guide, { fullAccess: true }],
          [configuration, { fullAccess: true, sendAs: true }],
        ]),
      );
      const { review, result } = await confirm(box, input);
      expect(review.changes.map((c) => [c.delegate.address, c.granted, c.removed])).toEqual([
        [configuration.address, ["sendAs", "fullAccess"], []],
        [guide.address, ["fullAccess"], []],
      ]);
      expect(await rowsOf(box)).toHaveLength(2);
      expect(result).toMatchObject({ status: "applied" });
      expect(result.changes).toHaveLength(2);
      // R3: effective on the very next request
      await expect(requireMailboxRight(t.db, actorOf(guide), { id: box.id }, "fullAccess")).resolves.toBeDefined();
      await expect(requireMailboxRight(t.db, actorOf(guide), { id: box.id }, "sendAs")).rejects.toThrow();
      await expect(requireMailboxRight(t.db, actorOf(configuration), { id: box.id }, "sendAs")).resolves.toBeDefined();
      const events = await t.db.select().from(auditEvents).where(eq(auditEvents.mailboxId, box.id));
      expect(events.map((e) => [e.action, e.details.delegate, e.details.rights]).sort()).toEqual([
        ["delegation.grant", configuration.address, ["sendAs", "fullAccess"]],
        ["delegation.grant", guide.address, ["fullAccess"]],
      ]);
    },
  );

  it("summarises without writing", async () => {
    const box = await createShared(t.db, org);
    await reviewDelegations(t.db, actorOf(admin), grid(box, [guide], new Map([[guide, { sendAs: true }]])));
    expect(await rowsOf(box)).toHaveLength(0);
  });

  it("grants each right alone", async () => {
    for (const right of ["fullAccess", "sendAs", "sendOnBehalf"] as const) {
      const box = await createShared(t.db, org);
      await confirm(box, grid(box, [guide], new Map([[guide, { [right]: true }]])));
      for (const other of ["fullAccess", "sendAs", "sendOnBehalf"] as const) {
        const allowed = await requireMailboxRight(t.db, actorOf(guide), { id: box.id }, other).then(
          () => true,
          () => false,
        );
        expect(allowed, `${right} grants ${other}?`).toBe(other === right);
      }
    }
  });

  it("deletes a row with no right left, and the folder links of whoever loses Full Access (R8)", async () => {
    const box = await createShared(t.db, org);
    await delegate(t.db, box, guide, { fullAccess: true });
    await delegate(t.db, box, configuration, { fullAccess: true, sendAs: true });
    await t.db.insert(sharedFolderLinks).values([
      { orgId: org.id, accountId: guide.id, mailboxId: box.id, source: "manual" },
      { orgId: org.id, accountId: configuration.id, mailboxId: box.id, source: "automap", removed: true },
    ]);
    const { review, result } = await confirm(
      box,
      grid(box, [guide, configuration], new Map([[configuration, { sendAs: true }]])),
    );
    expect(review.changes.map((c) => [c.delegate.address, c.removed, c.after])).toEqual([
      [configuration.address, ["fullAccess"], { fullAccess: false, sendAs: true, sendOnBehalf: false, automap: true }],
      [guide.address, ["fullAccess"], null],
    ]);
    expect(result.status).toBe("applied");
    expect(await rowsOf(box)).toEqual([
      { delegateId: configuration.id, fullAccess: false, sendAs: true, sendOnBehalf: false, automap: true },
    ]);
    expect(await t.db.select().from(sharedFolderLinks).where(eq(sharedFolderLinks.mailboxId, box.id))).toHaveLength(0);
    await expect(requireMailboxRight(t.db, actorOf(guide), { id: box.id }, "fullAccess")).rejects.toThrow();
    const revokes = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.mailboxId, box.id), eq(auditEvents.action, "delegation.revoke")));
    expect(revokes.map((e) => [e.details.delegate, e.details.deleted]).sort()).toEqual([
      [configuration.address, false],
      [guide.address, true],
    ]);
  });

  it("keeps other delegates' links and this delegate's links to other mailboxes", async () => {
    const box = await createShared(t.db, org);
    const otherBox = await createShared(t.db, org);
    await delegate(t.db, box, guide, { fullAccess: true });
    await delegate(t.db, box, configuration, { fullAccess: true });
    await delegate(t.db, otherBox, guide, { fullAccess: true });
    await t.db.insert(sharedFolderLinks).values([
      { orgId: org.id, accountId: guide.id, mailboxId: box.id, source: "manual" },
      { orgId: org.id, accountId: configuration.id, mailboxId: box.id, source: "manual" },
      { orgId: org.id, accountId: guide.id, mailboxId: otherBox.id, source: "manual" },
    ]);
    await confirm(box, grid(box, [guide, configuration], new Map([[configuration, { fullAccess: true }]])));
    const links = await t.db
      .select({ a: sharedFolderLinks.accountId, m: sharedFolderLinks.mailboxId })
      .from(sharedFolderLinks);
    expect(links).toContainEqual({ a: configuration.id, m: box.id });
    expect(links).toContainEqual({ a: guide.id, m: otherBox.id });
    expect(links).not.toContainEqual({ a: guide.id, m: box.id });
  });

  it("changes the automap option of a Full Access delegation, and reports it", async () => {
    const box = await createShared(t.db, org);
    await delegate(t.db, box, guide, { fullAccess: true, automap: true });
    const { review } = await confirm(box, grid(box, [guide], new Map([[guide, { fullAccess: true, automap: false }]])));
    expect(review.changes).toMatchObject([{ granted: [], removed: [], automap: { from: true, to: false } }]);
    expect((await rowsOf(box))[0]!.automap).toBe(false);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.mailboxId, box.id), eq(auditEvents.action, "delegation.automap")));
    expect(event!.details).toMatchObject({ delegate: guide.address, automap: false });
  });

  it("reports no change when the grid is submitted as it is", async () => {
    const box = await createShared(t.db, org);
    await delegate(t.db, box, guide, { sendOnBehalf: true, automap: false });
    // automap unticked without Full Access changes nothing
    const { review, result } = await confirm(
      box,
      grid(box, [guide, configuration], new Map([[guide, { sendOnBehalf: true, automap: true }]])),
    );
    expect(review.changes).toEqual([]);
    expect(result).toEqual({ status: "applied", changes: [] });
  });

  it("delegates a user mailbox too", async () => {
    const { result } = await confirm(
      guide,
      grid(guide, [configuration], new Map([[configuration, { sendOnBehalf: true }]])),
    );
    expect(result.changes).toHaveLength(1);
    await expect(
      requireMailboxRight(t.db, actorOf(configuration), { id: guide.id }, "sendOnBehalf"),
    ).resolves.toBeDefined();
  });

  it(
    "refuses a shared mailbox, another organisation's user or the mailbox itself as delegate, writing " + "nothing",
    async () => {
      const box = await createShared(t.db, org);
      const otherShared = await createShared(t.db, org);
      const stranger = await createUser(t.db, await createOrg(t.db));
      for (const who of [otherShared, stranger, box]) {
        const input = grid(
          box,
          [guide, who],
          new Map([
            [guide, { sendAs: true }],
            [who, { fullAccess: true }],
          ]),
        );
        expect((await refusal(reviewDelegations(t.db, actorOf(admin), input))).code).toBe("invalidDelegate");
        const fingerprint = (await loadDelegationGrid(t.db, actorOf(admin), box.id)).fingerprint;
        expect((await refusal(applyDelegations(t.db, actorOf(admin), { ...input, fingerprint }))).code).toBe(
          "invalidDelegate",
        );
      }
      // a ticked id that is not listed is refused too
      const sneaky = { ...grid(box, [guide], new Map()), sendAs: [configuration.id] };
      expect((await refusal(reviewDelegations(t.db, actorOf(admin), sneaky))).code).toBe("invalidDelegate");
      expect(await rowsOf(box)).toHaveLength(0);
    },
  );

  it("applies nothing when the delegations changed since the summary, and gives the new summary", async () => {
    const box = await createShared(t.db, org);
    const input = grid(box, [guide, configuration], new Map([[guide, { fullAccess: true }]]));
    const review = await reviewDelegations(t.db, actorOf(admin), input);
    await delegate(t.db, box, configuration, { sendAs: true }); // another admin, meanwhile
    const result = await applyDelegations(t.db, actorOf(admin), { ...input, fingerprint: review.fingerprint });
    expect(result.status).toBe("changed");
    expect(result.changes.map((c) => [c.delegate.address, c.granted, c.removed])).toEqual([
      [configuration.address, [], ["sendAs"]],
      [guide.address, ["fullAccess"], []],
    ]);
    expect(await rowsOf(box)).toHaveLength(1);
    if (result.status !== "changed") throw new Error("unreachable");
    const again = await applyDelegations(t.db, actorOf(admin), { ...input, fingerprint: result.fingerprint });
    expect(again.status).toBe("applied");
    expect(await rowsOf(box)).toEqual([expect.objectContaining({ delegateId: guide.id, fullAccess: true })]);
  });

  it("refuses non-admins and other organisations' admins", async () => {
    const box = await createShared(t.db, org);
    const input = grid(box, [guide], new Map([[guide, { fullAccess: true }]]));
    const fingerprint = (await loadDelegationGrid(t.db, actorOf(admin), box.id)).fingerprint;
    expect((await refusal(applyDelegations(t.db, actorOf(guide), { ...input, fingerprint }))).code).toBe("noAccess");
    expect((await refusal(loadDelegationGrid(t.db, actorOf(guide), box.id))).code).toBe("noAccess");
    const otherAdmin = actorOf(await createUser(t.db, await createOrg(t.db), { role: "admin" }));
    expect((await refusal(applyDelegations(t.db, otherAdmin, { ...input, fingerprint }))).code).toBe("notFound");
    expect((await refusal(loadDelegationGrid(t.db, otherAdmin, box.id))).code).toBe("notFound");
    expect(await rowsOf(box)).toHaveLength(0);
  });
});

describe("revoking Full Access from an assignee", () => {
  it("unassigns their conversations of the mailbox, and the trail says how many and whose", async () => {
    const box = await createShared(t.db, org);
    await delegate(t.db, box, guide, { fullAccess: true });
    await delegate(t.db, box, configuration, { fullAccess: true });
    for (const subject of ["Ticket 1", "Ticket 2"]) {
      const message = await addMessage(t.db, box, { subject });
      await assignConversation(t.db, actorOf(configuration), {
        address: box.address,
        messageId: message.id,
        assigneeId: guide.id,
      });
    }
    const input = grid(box, [guide, configuration], new Map([[configuration, { fullAccess: true }]]));
    await confirm(box, input);
    const assigned = await t.db
      .select()
      .from(conversationStates)
      .where(and(eq(conversationStates.accountId, box.id), eq(conversationStates.assigneeId, guide.id)));
    expect(assigned).toEqual([]);
    const trail = await t.db
      .select({ action: auditEvents.action, actor: auditEvents.actorAddress, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.mailboxId, box.id), eq(auditEvents.action, "conversation.assign")));
    expect(trail).toContainEqual({
      action: "conversation.assign",
      actor: admin.address,
      details: { count: 2, assignee: null, previous: guide.displayName, accessLost: true },
    });
  });
});
