import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "@/db/client";
import { migrate } from "@/db/migrate";
import { domains, GIB, organizations } from "@/db/schema";
import { insertAccount } from "@/lib/accounts/insert-account";
import { databaseUrl, DEFAULT_SERVER_URL, prepareDatabase, serverVersion } from "./database";

/**
 * npm run bench:smtp [-- --messages 10000] [--sessions 10] [--size 10240]
 *
 * The SMTP receiver alone (`mailroom smtp`) on a fresh PostgreSQL database (`mailroom_bench_smtp`,
 * or BENCH_SMTP_DATABASE, on BENCH_POSTGRES_URL's server), fed by Postfix's smtp-source: N messages
 * of about `size` bytes over `sessions` parallel sessions, into one mailbox, then spread over 100 mailboxes. Prints
 * messages per second (wall clock, first connection to last reply), p50/p99 of end-of-DATA → 250
 * (the listener's own timing, from its per-transaction log line) and the receiver's peak RSS.
 */
const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "10000" },
    sessions: { type: "string", default: "10" },
    size: { type: "string", default: "10240" },
  },
});
const MESSAGES = Number(values.messages);
const SESSIONS = Number(values.sessions);
const SIZE = Number(values.size);
const DOMAIN = "bench-smtp.test";
const root = process.cwd();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function runSource(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("smtp-source", args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (c) => (err += c.toString()));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`smtp-source ${code}: ${err}`))));
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function main() {
  const server = process.env.BENCH_POSTGRES_URL || DEFAULT_SERVER_URL;
  const name = process.env.BENCH_SMTP_DATABASE || "mailroom_bench_smtp";
  await prepareDatabase(server, name, true);
  const url = databaseUrl(server, name);
  const handle = createDb({ url, max: 4 });
  await migrate(handle);
  const [org] = await handle.db
    .insert(organizations)
    .values({ name: "Bench", poolBytes: 1000 * GIB })
    .returning();
  await handle.db.insert(domains).values({ orgId: org!.id, name: DOMAIN });
  for (let i = 0; i < 100; i++)
    await insertAccount(handle.db, {
      orgId: org!.id,
      address: `box${i}@${DOMAIN}`,
      displayName: `Box ${i}`,
      kind: "shared",
      quotaBytes: 10 * GIB,
    });

  const port = await freePort();
  const receiver = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/index.ts", "smtp"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      MAILROOM_SMTP_PORT: String(port),
      MAILROOM_SMTP_HOST: "127.0.0.1",
      MAILROOM_HOSTNAME: "mx.bench.test",
      MAILROOM_SMTP_MAX_PER_CLIENT: String(SESSIONS + 5),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const timings: number[] = [];
  let refused = 0;
  let pending = "";
  let listening: () => void = () => {};
  const ready = new Promise<void>((resolve) => (listening = resolve));
  fs.mkdirSync(path.join(root, "bench-data"), { recursive: true });
  const logFile = fs.createWriteStream(path.join(root, "bench-data", "smtp-receiver.log"));
  receiver.stdout!.on("data", (chunk: Buffer) => {
    logFile.write(chunk);
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.includes("SMTP listening")) listening();
      const m = / ms=(\d+) result="(\d{3})/.exec(line);
      if (m) {
        if (m[2] === "250") timings.push(Number(m[1]));
        else refused++;
      }
    }
  });
  await ready;
  const peakRss = () => {
    const status = fs.readFileSync(`/proc/${receiver.pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
  };

  const scenario = async (label: string, jobs: string[][]) => {
    timings.length = 0;
    refused = 0;
    const started = performance.now();
    const queue = [...jobs];
    await Promise.all(
      Array.from({ length: Math.min(SESSIONS, jobs.length) }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) await runSource(job);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...timings].sort((a, b) => a - b);
    return {
      label,
      stored: timings.length,
      refused,
      perSecond: Math.round(timings.length / seconds),
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      seconds: Math.round(seconds * 10) / 10,
    };
  };
  const source = (count: number, sessions: number, to: string) => [
    "-d",
    "-s",
    String(sessions),
    "-m",
    String(count),
    "-l",
    String(SIZE),
    "-f",
    "sender@elsewhere.test",
    "-t",
    to,
    "-M",
    "client.bench.test",
    `127.0.0.1:${port}`,
  ];

  const one = await scenario(`${MESSAGES} into one mailbox`, [source(MESSAGES, SESSIONS, `box0@${DOMAIN}`)]);
  const perBox = Math.floor(MESSAGES / 100);
  const spread = await scenario(
    `${perBox * 100} into 100 mailboxes`,
    Array.from({ length: 100 }, (_, i) => source(perBox, 1, `box${i}@${DOMAIN}`)),
  );
  const rss = peakRss();
  receiver.kill("SIGTERM");
  await new Promise((r) => receiver.once("exit", r));
  await handle.close();

  const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
  console.log(
    `\nSMTP receiver, ${SESSIONS} sessions, ~${SIZE} B messages — ${await serverVersion(url)}, ` +
      `${os.cpus().length} CPUs, Node ${process.version}`,
  );
  console.log("| scenario | stored | refused | msgs/s | p50 DATA→250 | p99 DATA→250 | wall |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of [one, spread])
    console.log(
      `| ${r.label} | ${r.stored} | ${r.refused} | ${r.perSecond} | ${r.p50} ms | ${r.p99} ms | ${r.seconds} s |`,
    );
  console.log(`Receiver peak RSS (VmHWM): ${mb(rss)}`);
}

await main();
