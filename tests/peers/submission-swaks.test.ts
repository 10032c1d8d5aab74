import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import type { Account } from "../../db/schema";
import { startSubmission, type RunningSubmission } from "../../servers/submission/server";
import { copiesIn } from "../integration/compose/helpers";
import { createOrg, createUser, TEST_PASSWORD } from "../support/factories";
import { run } from "../support/postfix";
import { useTestDb } from "../support/test-db";

/** swaks, a real SMTP client, submitting over STARTTLS (587 style) and implicit TLS (465 style). */
const t = useTestDb();
const fixtures = path.join(__dirname, "../fixtures");
let starttls: RunningSubmission;
let implicit: RunningSubmission;
let alice: Account;

beforeAll(async () => {
  const org = await createOrg(t.db);
  alice = await createUser(t.db, org, { local: "alice" });
  const common = {
    host: "127.0.0.1",
    key: fs.readFileSync(path.join(fixtures, "smtp-test.key")),
    cert: fs.readFileSync(path.join(fixtures, "smtp-test.crt")),
    maxSizeBytes: 1024 * 1024,
  };
  starttls = await startSubmission(t.db, { ...common, port: 0, tls: "starttls" });
  implicit = await startSubmission(t.db, { ...common, port: 0, tls: "implicit" });
});
afterAll(async () => {
  await starttls.close();
  await implicit.close();
});

const swaks = (port: number, tlsFlag: string, subject: string, extra: string[] = []) =>
  run("swaks", [
    "--server",
    `127.0.0.1:${port}`,
    tlsFlag,
    "--tls-verify",
    "--tls-ca-path",
    path.join(fixtures, "smtp-test.crt"),
    "--tls-sni",
    "mx.mailroom.test",
    "--auth",
    "PLAIN",
    "--auth-user",
    alice.address,
    "--auth-password",
    TEST_PASSWORD,
    "--from",
    alice.address,
    "--to",
    alice.address,
    "--header",
    `Subject: ${subject}`,
    ...extra,
  ]);

describe("swaks over TLS", () => {
  it("STARTTLS, then AUTH PLAIN, then the message (swaks --tls)", async () => {
    const out = await swaks(starttls.port, "--tls", "swaks starttls");
    expect(out.output).toMatch(/-> STARTTLS/);
    expect(out.output).toMatch(/=== TLS started with cipher TLS/);
    expect(out.output).toMatch(/<~ {2}235 /);
    expect(out.output).toMatch(/<~ {2}250 2\.0\.0 Ok/);
    expect(out.code).toBe(0);
    expect((await copiesIn(t.db, alice, "sent")).map((m) => m.subject)).toContain("swaks starttls");
  });

  it("implicit TLS (swaks --tls-on-connect)", async () => {
    const out = await swaks(implicit.port, "--tls-on-connect", "swaks implicit");
    expect(out.output).toMatch(/=== TLS started with cipher TLS/);
    expect(out.output).toMatch(/<~ {2}250 2\.0\.0 Ok/);
    expect(out.code).toBe(0);
    expect((await copiesIn(t.db, alice, "sent")).map((m) => m.subject)).toContain("swaks implicit");
  });

  it("without --tls, swaks's AUTH on the STARTTLS port is refused and nothing is sent", async () => {
    const out = await run("swaks", [
      "--server",
      `127.0.0.1:${starttls.port}`,
      "--auth",
      "PLAIN",
      "--auth-user",
      alice.address,
      "--auth-password",
      TEST_PASSWORD,
      "--from",
      alice.address,
      "--to",
      alice.address,
      "--header",
      "Subject: swaks plain",
    ]);
    expect(out.code).not.toBe(0);
    expect((await copiesIn(t.db, alice, "sent")).map((m) => m.subject)).not.toContain("swaks plain");
    expect(out.output).not.toMatch(/<- {2}235 /);
  });
});
