import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type DbHandle } from "../../db/client";
import { messages } from "../../db/schema";
import { createOrg, createShared } from "../support/factories";
import { rawMessage } from "../support/smtp";
import { testDriver } from "../support/test-db";

/**
 * The standalone receiver (`mailroom smtp`, PostgreSQL) is killed with SIGKILL while a client sends
 * 1,000 messages over 10 sessions. What this can prove: every message that got 250 is stored
 * exactly once; a message stored without a 250 can only be one whose reply was lost with the
 * process — at most one per session in flight at the kill — so there are at most 10 of them.
 */
const root = path.resolve(__dirname, "../..");
const SESSIONS = 10;
const TOTAL = 1000;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(testDriver !== "postgres")("kill -9 of the standalone receiver (PostgreSQL)", () => {
  let handle: DbHandle;
  let url = "";
  let drop = async () => {};
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `mailroom_kill_${randomUUID().replaceAll("-", "")}`;
    await admin.unsafe(`create database ${name} template ${inject("pgTemplateDb")}`);
    const target = new URL(process.env.TEST_DATABASE_URL!);
    target.pathname = `/${name}`;
    url = target.toString();
    handle = createDb({ url, max: 2 });
    drop = async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await drop();
  });

  it("stores every acknowledged message exactly once, and at most one unacknowledged per session", async () => {
    const org = await createOrg(handle.db);
    const box = await createShared(handle.db, org, { local: "support", quotaBytes: 1024 ** 3 });
    const port = await freePort();
    // node itself with tsx's loader (not the tsx wrapper, whose SIGKILL would leave the receiver running).
    child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/index.ts", "smtp"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        MAILROOM_SMTP_PORT: String(port),
        MAILROOM_SMTP_HOST: "127.0.0.1",
        MAILROOM_HOSTNAME: "mx.kill.test",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr!.on("data", (c) => (output += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`receiver did not start: ${output}`)), 60_000);
      child!.stdout!.on("data", (c) => {
        output += c.toString();
        if (output.includes("SMTP listening")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });

    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: SESSIONS,
      maxMessages: Infinity,
    } as SMTPTransport.Options);
    transport.on("error", () => {});
    const acked = new Set<number>();
    let killed = false;
    const sends = Array.from({ length: TOTAL }, (_, i) =>
      transport
        .sendMail({
          envelope: { from: "sender@elsewhere.test", to: [box.address] },
          raw: rawMessage({ to: box.address, subject: `kill ${i}`, body: `message ${i}\r\n` + "z".repeat(2000) }),
        })
        .then(
          (info) => {
            if (/^250 /.test(info.response)) acked.add(i);
            if (!killed && acked.size >= 300) {
              killed = true;
              child!.kill("SIGKILL");
            }
          },
          () => {},
        ),
    );
    await Promise.all(sends);
    transport.close();
    expect(killed).toBe(true);
    await new Promise((r) => setTimeout(r, 200));

    const rows = await handle.db
      .select({ subject: messages.subject })
      .from(messages)
      .where(eq(messages.accountId, box.id));
    const counts = new Map<number, number>();
    for (const r of rows) {
      const n = Number(r.subject.replace("kill ", ""));
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const n of acked) expect(counts.get(n), `message ${n} got 250`).toBe(1);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    const storedWithoutAck = [...counts.keys()].filter((n) => !acked.has(n));
    console.log(
      `kill -9: ${acked.size} acknowledged, ${rows.length} stored, ${storedWithoutAck.length} stored without 250`,
    );
    expect(storedWithoutAck.length).toBeLessThanOrEqual(SESSIONS);
    expect(acked.size).toBeGreaterThanOrEqual(300);
    expect(acked.size).toBeLessThan(TOTAL);
  });
});
