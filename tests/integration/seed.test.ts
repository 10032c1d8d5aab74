import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { simpleParser } from "mailparser";
import { accounts, folders, messageContents, messages } from "../../db/schema";
import { DEMO_ACCOUNTS, DEMO_DOMAIN, DEMO_PASSWORD, seedDemo } from "../../lib/demo/seed-demo";
import { verifySignIn } from "../../lib/auth/sign-in";
import { useTestDb } from "../support/test-db";

const t = useTestDb();

describe("the demo seed", () => {
  it("creates the demo organisation once, and a second run changes nothing", async () => {
    const first = await seedDemo(t.db);
    expect(first.created).toContain(`guide@${DEMO_DOMAIN}`);
    const count = async () => {
      const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(messages);
      return row!.n;
    };
    const before = await count();
    const second = await seedDemo(t.db);
    expect(second.created).toEqual([]);
    expect(await count()).toBe(before);
  });

  it("lets the demo users sign in with the README's password, and not the shared mailbox", async () => {
    for (const { local } of DEMO_ACCOUNTS) {
      const result = await verifySignIn(t.db, {
        address: `${local}@${DEMO_DOMAIN}`,
        password: DEMO_PASSWORD,
        client: "seed-test",
      });
      expect(result.ok).toBe(true);
    }
    const shared = await verifySignIn(t.db, {
      address: `support@${DEMO_DOMAIN}`,
      password: DEMO_PASSWORD,
      client: "seed-test",
    });
    expect(shared.ok).toBe(false);
  });

  it("fills guide's Inbox with real MIME: text, HTML, an attachment, French and English", async () => {
    const [guide] = await t.db
      .select()
      .from(accounts)
      .where(eq(accounts.address, `guide@${DEMO_DOMAIN}`));
    const rows = await t.db
      .select({ raw: messageContents.raw, size: messages.sizeBytes })
      .from(messages)
      .innerJoin(messageContents, eq(messageContents.id, messages.contentId))
      .where(eq(messages.accountId, guide!.id));
    expect(rows.length).toBeGreaterThanOrEqual(24);
    const parsed = await Promise.all(rows.map((r) => simpleParser(r.raw)));
    expect(parsed.some((p) => p.html)).toBe(true);
    expect(parsed.some((p) => !p.html && p.text)).toBe(true);
    expect(parsed.some((p) => p.attachments.length > 0)).toBe(true);
    expect(parsed.some((p) => /[éèàç]/.test(p.subject ?? ""))).toBe(true);
    expect(parsed.every((p) => p.messageId && p.date)).toBe(true);
    // used bytes are the sum of what the mailbox holds
    expect(guide!.usedBytes).toBe(rows.reduce((sum, r) => sum + r.size, 0));
    const [inbox] = await t.db.select().from(folders).where(eq(folders.accountId, guide!.id));
    expect(inbox).toBeDefined();
  });
});
