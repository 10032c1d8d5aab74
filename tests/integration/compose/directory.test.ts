import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "../../../app/api/directory/route";
import { accounts, type Account } from "../../../db/schema";
import { searchDirectory } from "../../../lib/directory/search";
import { createOrg, createShared, createUser } from "../../support/factories";
import { actorOf, signInAs } from "../../support/session";
import { useTestDb } from "../../support/test-db";
import { eq } from "drizzle-orm";

const t = useTestDb();

let guide: Account;
let stranger: Account;

beforeAll(async () => {
  const org = await createOrg(t.db, { domain: "dir.test" });
  const other = await createOrg(t.db, { domain: "other-dir.test" });
  guide = await createUser(t.db, org, { local: "guide", name: "Guide Dupont" });
  await createUser(t.db, org, { local: "configuration", name: "Camille Configuration" });
  await createShared(t.db, org, { local: "support", name: "Support Example" });
  await createShared(t.db, org, { local: "secret", name: "Support Secret", hidden: true });
  const gone = await createUser(t.db, org, { local: "suspended", name: "Support Suspended" });
  await t.db.update(accounts).set({ state: "suspended" }).where(eq(accounts.id, gone.id));
  stranger = await createUser(t.db, other, { local: "support-elsewhere", name: "Support Elsewhere" });
});

describe("the address book (R9)", () => {
  it(
    "suggests the organisation's accounts by address start or name, leaving out hidden ones and other " +
      "organisations",
    async () => {
      const found = await searchDirectory(t.db, actorOf(guide), "sup");
      expect(found).toEqual([{ address: "support@dir.test", name: "Support Example", kind: "shared" }]);
      expect((await searchDirectory(t.db, actorOf(guide), "camille")).map((e) => e.address)).toEqual([
        "configuration@dir.test",
      ]);
      expect((await searchDirectory(t.db, actorOf(stranger), "sup")).map((e) => e.address)).toEqual([
        "support-elsewhere@other-dir.test",
      ]);
    },
  );

  it("treats LIKE wildcards as plain characters and ignores an empty query", async () => {
    expect(await searchDirectory(t.db, actorOf(guide), "%")).toEqual([]);
    expect(await searchDirectory(t.db, actorOf(guide), "_")).toEqual([]);
    expect(await searchDirectory(t.db, actorOf(guide), "   ")).toEqual([]);
  });

  it("answers the signed-in over HTTP, and the signed-out with 401", async () => {
    signInAs(guide);
    const response = await GET(new NextRequest("http://localhost/api/directory?q=Dupont"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      results: [{ address: "guide@dir.test", name: "Guide Dupont", kind: "standard" }],
    });
    expect(response.headers.get("cache-control")).toContain("no-store");
    signInAs(null);
    expect((await GET(new NextRequest("http://localhost/api/directory?q=g"))).status).toBe(401);
  });
});
