import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../db/schema";
import { createOrg, createUser } from "../../support/factories";
import { startFarEnd, type FarEnd } from "../../support/far-end";
import { testDriver, useTestDb } from "../../support/test-db";
import { send, statesOf } from "./helpers";

const t = useTestDb();
const root = path.resolve(__dirname, "../../..");
let far: FarEnd;
let alice: Account;
let url: string;

function startWorker(): ChildProcess {
  return spawn(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "tests/support/worker-child.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        MAILROOM_MX_PORT: String(far.port),
        MAILROOM_OUTBOUND_LEASE_SECONDS: "3",
        MAILROOM_OUTBOUND_POLL_SECONDS: "0.2",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
}

async function until<T>(check: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A worker is a process of its own on a shared database: PostgreSQL only (PGlite lives in one process).
describe.skipIf(testDriver !== "postgres")("a worker killed mid-delivery (PostgreSQL)", () => {
  beforeAll(async () => {
    far = await startFarEnd();
    const org = await createOrg(t.db);
    alice = await createUser(t.db, org, { local: "alice" });
    const rows = (await t.db.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${rows[0]!.name}`;
    url = u.toString();
  });
  afterAll(() => far.close());

  it("leaves the message to the next worker once its lease runs out: delivered exactly once", async () => {
    let arrived = false;
    // The far end holds the end of DATA without answering: the worker is killed before any 250.
    far.onData = () => {
      arrived = true;
      return new Promise<void>(() => {});
    };
    await send(t.db, alice, { to: "k1@ext-kill.test", subject: "Survives a crash" });
    const first = startWorker();
    await until(async () => arrived, 30_000);
    first.kill("SIGKILL");
    const signal = await new Promise((r) => first.once("exit", (_code, sig) => r(sig)));
    expect(signal).toBe("SIGKILL");
    far.onData = undefined;
    const [held] = await statesOf(t.db, "k1@ext-kill.test");
    expect(held).toMatchObject({ state: "queued", attempts: 0 });
    expect(held!.claimedBy).not.toBeNull();

    const second = startWorker();
    try {
      const [row] = await until(async () => {
        const rows = await statesOf(t.db, "k1@ext-kill.test");
        return rows[0]?.state === "delivered" ? rows : undefined;
      }, 30_000);
      expect(row!.attempts).toBe(1);
      expect(far.received.filter((r) => r.recipients.includes("k1@ext-kill.test"))).toHaveLength(1);
    } finally {
      second.kill("SIGTERM");
      const code = await new Promise((r) => second.once("exit", r));
      expect(code).toBe(0);
    }
  });
});
