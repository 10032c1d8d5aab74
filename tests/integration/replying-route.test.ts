import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../app/api/mail/replying/route";
import { replyPresence, type Account } from "../../db/schema";
import { addMessage, createOrg, createShared, createUser, delegate } from "../support/factories";
import { signInAs } from "../support/session";
import { useTestDb } from "../support/test-db";

/**
 * POST /api/mail/replying, the reply form's "I am replying" and its beacon on leaving: same origin
 * only, signed in only, a message id only; a Send As delegate or a stranger is told notFound.
 */
const t = useTestDb();
let claire: Account;
let sendAs: Account;
let messageId: string;

const post = (fields: Record<string, string>, origin = "http://mail.test") => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return POST(
    new NextRequest("http://mail.test/api/mail/replying", {
      method: "POST",
      body,
      headers: { origin, host: "mail.test" },
    }),
  );
};
const presence = () => t.db.select().from(replyPresence).where(eq(replyPresence.actorId, claire.id));

beforeAll(async () => {
  const org = await createOrg(t.db);
  const support = await createShared(t.db, org);
  claire = await createUser(t.db, org);
  sendAs = await createUser(t.db, org);
  await delegate(t.db, support, claire, { fullAccess: true });
  await delegate(t.db, support, sendAs, { sendAs: true });
  messageId = (await addMessage(t.db, support)).id;
});

describe("POST /api/mail/replying", () => {
  it("keeps and drops the replier's presence", async () => {
    signInAs(claire);
    expect((await post({ messageId, active: "on" })).status).toBe(200);
    expect(await presence()).toHaveLength(1);
    expect((await post({ messageId })).status).toBe(200);
    expect(await presence()).toEqual([]);
  });

  it("refuses another site, a signed-out caller, a bad id and someone without Full Access", async () => {
    signInAs(claire);
    expect((await post({ messageId, active: "on" }, "http://evil.test")).status).toBe(403);
    expect(await (await post({ messageId: "nope", active: "on" })).json()).toEqual({ ok: false, message: "invalid" });
    signInAs(null);
    expect((await post({ messageId, active: "on" })).status).toBe(401);
    signInAs(sendAs);
    const refused = await post({ messageId, active: "on" });
    expect([refused.status, await refused.json()]).toEqual([404, { ok: false, message: "notFound" }]);
    expect(await presence()).toEqual([]);
  });
});
