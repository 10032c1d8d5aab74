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

/** The worker's own pid, from its "ready <pid>" line. */
function workerPid(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = /ready (\d+)/.exec(out);
      if (match) {
        child.stdout?.off("data", onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
    const firstPid = workerPid(first);
    await until(async () => arrived, 30_000);
    // tsx runs the script in a child process: kill the worker itself, then its wrapper
    const pid = await firstPid;
    process.kill(pid, "SIGKILL");
    await until(async () => !alive(pid), 10_000);
    first.kill("SIGKILL");
    far.onData = undefined;
    const [held] = await statesOf(t.db, "k1@ext-kill.test");
    expect(held).toMatchObject({ state: "queued", attempts: 0 });
    expect(held!.claimedBy).not.toBeNull();

    const second = startWorker();
    const secondPid = workerPid(second);
    try {
      const [row] = await until(async () => {
        const rows = await statesOf(t.db, "k1@ext-kill.test");
        return rows[0]?.state === "delivered" ? rows : undefined;
      }, 30_000);
      expect(row!.attempts).toBe(1);
      expect(far.received.filter((r) => r.recipients.includes("k1@ext-kill.test"))).toHaveLength(1);
    } finally {
      const pid = await secondPid;
      const exited = new Promise((r) => second.once("exit", r));
      second.kill("SIGTERM");
      expect(await exited).toBe(0);
      await until(async () => !alive(pid), 10_000);
    }
  });
});
