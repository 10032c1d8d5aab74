import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../db/schema";
import { createOrg, createUser } from "../support/factories";
import { useTestDb } from "../support/test-db";
import { runQueue, send, statesOf, testConfig } from "../integration/outbound/helpers";

/**
 * Delivery to Postfix's smtp-sink (Debian package postfix), a far end that is not ours: it writes each
 * message it accepts to a file, with the envelope as X-Mail-Args / X-Rcpt-Args headers.
 */
const t = useTestDb();
let sink: ChildProcess;
let port: number;
let dir: string;
let alice: Account;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const dumps = () => fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "latin1"));
const noDns = {
  resolveMx: () => Promise.reject(new Error("no DNS")),
  resolve4: () => Promise.reject(new Error("no DNS")),
  resolve6: () => Promise.reject(new Error("no DNS")),
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-sink-"));
  fs.chmodSync(dir, 0o777);
  port = await freePort();
  sink = spawn("smtp-sink", ["-u", "postfix", "-d", `${dir}/%M.`, `127.0.0.1:${port}`, "10"], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
  const org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice" });
});
afterAll(() => {
  sink?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("outbound delivery to Postfix's smtp-sink", () => {
  it("delivers per domain, signed, with the sending mailbox as envelope sender", async () => {
    await send(t.db, alice, { to: "one@peer-a.test, two@peer-a.test, three@peer-b.test", subject: "To a real peer" });
    await runQueue(t.db, testConfig(port, { mxHost: "127.0.0.1" }), noDns, new Date());
    for (const address of ["one@peer-a.test", "two@peer-a.test", "three@peer-b.test"]) {
      expect((await statesOf(t.db, address))[0]!.state).toBe("delivered");
    }
    const files = dumps();
    expect(files).toHaveLength(2);
    const a = files.find((f) => f.includes("X-Rcpt-Args: <one@peer-a.test>"))!;
    expect(a.match(/^X-Rcpt-Args: /gm)).toHaveLength(2);
    expect(a).toMatch(new RegExp(`^X-Mail-Args: <${alice.address}>`, "m"));
    expect(a).toMatch(/^DKIM-Signature: /m);
  });

  it("relays through it as a smarthost (MAILROOM_RELAY_URL)", async () => {
    await send(t.db, alice, { to: "four@peer-c.test", subject: "Through the relay" });
    await runQueue(t.db, testConfig(1, { relayUrl: `smtp://127.0.0.1:${port}` }), noDns, new Date());
    expect((await statesOf(t.db, "four@peer-c.test"))[0]!.state).toBe("delivered");
    expect(dumps().some((f) => f.includes("four@peer-c.test"))).toBe(true);
  });
});
