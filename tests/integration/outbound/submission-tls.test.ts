import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../db/schema";
import { startSubmission, submissionOptionsFromEnv, type RunningSubmission } from "../../../servers/submission/server";
import { copiesIn } from "../compose/helpers";
import { createOrg, createUser, TEST_PASSWORD } from "../../support/factories";
import { useTestDb } from "../../support/test-db";

/** Submission over TLS: STARTTLS on the 587-style port (AUTH only after it), implicit TLS on the 465-style port. */
const t = useTestDb();
const fixtures = path.join(__dirname, "../../fixtures");
const cert = fs.readFileSync(path.join(fixtures, "smtp-test.crt"));
const key = fs.readFileSync(path.join(fixtures, "smtp-test.key"));
// the fixture is its own CA, named mx.mailroom.test: clients verify it for real
const trust = { ca: [cert], servername: "mx.mailroom.test" };
let starttls: RunningSubmission;
let implicit: RunningSubmission;
let alice: Account;

beforeAll(async () => {
  const org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice" });
  const common = { host: "127.0.0.1", key, cert, maxSizeBytes: 1024 * 1024 };
  starttls = await startSubmission(t.db, { ...common, port: 0, tls: "starttls" });
  implicit = await startSubmission(t.db, { ...common, port: 0, tls: "implicit" });
});
afterAll(async () => {
  await starttls.close();
  await implicit.close();
});

const auth = () => ({ user: alice.address, pass: TEST_PASSWORD });

/** Reads SMTP replies off a socket until one's last line (`NNN ` then text) arrives. */
function replies(socket: net.Socket) {
  let buffer = "";
  const waiting: ((reply: string) => void)[] = [];
  socket.on("data", (chunk) => {
    buffer += chunk.toString();
    let match;
    while ((match = /^((?:\d{3}-.*\r\n)*\d{3} .*\r\n)/.exec(buffer))) {
      buffer = buffer.slice(match[1]!.length);
      waiting.shift()?.(match[1]!);
    }
  });
  return (line?: string) =>
    new Promise<string>((resolve) => {
      waiting.push(resolve);
      if (line !== undefined) socket.write(`${line}\r\n`);
    });
}

describe("submission over TLS", () => {
  it("587 style: nodemailer requiring STARTTLS signs in over the upgraded channel and sends", async () => {
    const client = nodemailer.createTransport({
      host: "127.0.0.1",
      port: starttls.port,
      secure: false,
      requireTLS: true,
      tls: trust,
      auth: auth(),
    });
    const info = await client.sendMail({ from: alice.address, to: alice.address, subject: "Over STARTTLS" });
    expect(info.response).toMatch(/^250 2\.0\.0 Ok/);
    expect((await copiesIn(t.db, alice, "sent")).map((m) => m.subject)).toContain("Over STARTTLS");
  });

  it("587 style: AUTH before STARTTLS is refused with 538, and so is MAIL: nothing passes in plain text", async () => {
    const socket = net.connect(starttls.port, "127.0.0.1");
    const say = replies(socket);
    try {
      expect(await say()).toMatch(/^220 /);
      const ehlo = await say("EHLO client.test");
      expect(ehlo).toMatch(/^250-STARTTLS\r$/m);
      const refused = await say(`AUTH PLAIN ${Buffer.from(`\0${alice.address}\0${TEST_PASSWORD}`).toString("base64")}`);
      expect(refused).toMatch(/^538 .*STARTTLS/);
      expect(await say(`MAIL FROM:<${alice.address}>`)).toMatch(/^530 /);
    } finally {
      socket.destroy();
    }
    // a client that will not upgrade gets nothing through
    const plainClient = nodemailer.createTransport({
      host: "127.0.0.1",
      port: starttls.port,
      secure: false,
      ignoreTLS: true,
      auth: auth(),
    });
    await expect(plainClient.sendMail({ from: alice.address, to: alice.address, subject: "Plain" })).rejects.toThrow();
    expect((await copiesIn(t.db, alice, "sent")).map((m) => m.subject)).not.toContain("Plain");
  });

  it("465 style: implicit TLS from the first byte, then AUTH and the message", async () => {
    const client = nodemailer.createTransport({
      host: "127.0.0.1",
      port: implicit.port,
      secure: true,
      tls: trust,
      auth: auth(),
    });
    const info = await client.sendMail({ from: alice.address, to: alice.address, subject: "Over implicit TLS" });
    expect(info.response).toMatch(/^250 2\.0\.0 Ok/);
    expect((await copiesIn(t.db, alice, "sent")).map((m) => m.subject)).toContain("Over implicit TLS");
    // TLS from the first byte: the greeting comes only after the handshake, with the configured certificate
    const socket = tls.connect({ port: implicit.port, host: "127.0.0.1", ...trust });
    const say = replies(socket);
    expect(await say()).toMatch(/^220 /);
    expect(socket.getPeerCertificate().subject.CN).toBe("mx.mailroom.test");
    socket.destroy();
  });
});

describe("submission listeners from the environment", () => {
  const files = {
    MAILROOM_TLS_CERT: path.join(fixtures, "smtp-test.crt"),
    MAILROOM_TLS_KEY: path.join(fixtures, "smtp-test.key"),
  };
  const env = (vars: Record<string, string>) => ({ NODE_ENV: "test" as const, ...vars });

  it("587 with STARTTLS and 465 with implicit TLS side by side", () => {
    const listeners = submissionOptionsFromEnv(
      env({ ...files, MAILROOM_SUBMISSION_PORT: "587", MAILROOM_SUBMISSIONS_PORT: "465" }),
    );
    expect(listeners.map((l) => [l.port, l.tls])).toEqual([
      [587, "starttls"],
      [465, "implicit"],
    ]);
  });

  it("a plain test port without a certificate; TLS ports without one are a clear error", () => {
    expect(submissionOptionsFromEnv(env({ MAILROOM_SUBMISSION_PORT: "1587" })).map((l) => l.tls)).toEqual(["none"]);
    expect(submissionOptionsFromEnv(env({}))).toEqual([]);
    expect(() => submissionOptionsFromEnv(env({ MAILROOM_SUBMISSIONS_PORT: "465" }))).toThrow(
      /port 465 \(implicit TLS\) needs MAILROOM_TLS_CERT/,
    );
    expect(() => submissionOptionsFromEnv(env({ MAILROOM_SUBMISSION_PORT: "x" }))).toThrow(/not a port number/);
  });
});
