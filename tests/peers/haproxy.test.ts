import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Two app instances (`npm start`, the production build) on one PostgreSQL behind HAProxy (Debian's
 * haproxy), as the README's "behind a reverse proxy" describes: a session opened through one
 * instance is honoured by the other, and its end (sign-out) too. Needs `npm run build` first.
 * Ports 3613 (HAProxy), 3614 and 3615 (the instances).
 */
const root = path.resolve(__dirname, "../..");
const PROXY = 3613;
const INSTANCES = { a: 3614, b: 3615 };
const site = `http://127.0.0.1:${PROXY}`;
const baseUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const children: ChildProcess[] = [];
let dropDatabase = async () => {};

async function waitFor(url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer`);
}

function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: "ignore" });
  children.push(child);
  return child;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("Build first: npm run build");
  const name = `mailroom_haproxy_${process.pid}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  const env = {
    DATABASE_URL: url.toString(),
    AUTH_SECRET: "haproxy-test-secret-0123456789abcdef-0123",
    MAILROOM_SITE_URL: site,
    MAILROOM_TRUSTED_PROXIES: "127.0.0.1",
    MAILROOM_LOG_LEVEL: "warn",
  };
  // Both start at once: the migrations take turns under the advisory lock; one seeds the demo.
  start("node", ["scripts/run.mjs", "start"], { ...env, PORT: String(INSTANCES.a), MAILROOM_DEMO: "1" });
  start("node", ["scripts/run.mjs", "start"], { ...env, PORT: String(INSTANCES.b), MAILROOM_DEMO: "0" });
  const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-haproxy-")), "haproxy.cfg");
  fs.writeFileSync(
    config,
    [
      "defaults",
      "  mode http",
      "  timeout connect 5s",
      "  timeout client 60s",
      "  timeout server 60s",
      "frontend web",
      `  bind 127.0.0.1:${PROXY}`,
      "  option forwardfor",
      "  default_backend app",
      "backend app",
      "  balance roundrobin",
      "  http-response set-header X-Instance %s",
      `  server a 127.0.0.1:${INSTANCES.a} check`,
      `  server b 127.0.0.1:${INSTANCES.b} check`,
      "",
    ].join("\n"),
  );
  await waitFor(`http://127.0.0.1:${INSTANCES.a}/api/health/ready`);
  await waitFor(`http://127.0.0.1:${INSTANCES.b}/api/health/ready`);
  start("haproxy", ["-f", config, "-db"], {});
  await waitFor(`${site}/api/health/live`);
}, 300_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await dropDatabase();
});

type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
function keep(jar: Jar, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}

async function signIn(jar: Jar): Promise<void> {
  const csrf = await fetch(`${site}/api/auth/csrf`);
  keep(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${site}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin: site },
    body: new URLSearchParams({ csrfToken, address: "guide@example.org", password: "Mailroom-demo-2026" }),
  });
  expect(res.status).toBe(302);
  keep(jar, res);
}

/** GETs the inbox through HAProxy until both instances answered; returns status per instance. */
async function inboxByInstance(jar: Jar): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; i < 6 && Object.keys(seen).length < 2; i++) {
    const res = await fetch(`${site}/mail/guide%40example.org/inbox`, {
      redirect: "manual",
      headers: { cookie: cookieHeader(jar) },
    });
    await res.text();
    seen[res.headers.get("x-instance") ?? "?"] = res.status;
  }
  return seen;
}

describe("two instances behind HAProxy on one PostgreSQL", () => {
  it("a session opened through one instance works on the other, and its sign-out ends it on both", async () => {
    const jar: Jar = new Map();
    await signIn(jar);
    expect(await inboxByInstance(jar)).toEqual({ a: 200, b: 200 });

    const copy: Jar = new Map(jar);
    const csrf = await fetch(`${site}/api/auth/csrf`, { headers: { cookie: cookieHeader(jar) } });
    keep(jar, csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const out = await fetch(`${site}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), origin: site },
      body: new URLSearchParams({ csrfToken }),
    });
    expect(out.status).toBe(302);
    // The copied cookie is refused by both instances (the session ended in the shared database).
    expect(await inboxByInstance(copy)).toEqual({ a: 307, b: 307 });
  });

  it("refuses a state change whose Origin is not the configured site, on every instance", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${site}/api/auth/signout`, {
        method: "POST",
        headers: { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
      });
      expect(res.status).toBe(403);
    }
  });
});
