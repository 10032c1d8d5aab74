/**
 * Outbound queue benchmark: N messages to D domains through the queue to a local sink (an
 * smtp-server that accepts everything, STARTTLS offered as by a real MX), with the real worker
 * (claim, group per domain, DKIM sign, nodemailer, record). Two scenarios:
 *  - backlog: N messages queued at once, drained by W workers: messages per second, and the time
 *    from queueing to the sink's 250 (p50/p99, which includes waiting in the backlog);
 *  - steady: messages sent one by one through the webmail's send path (sendMessage) at a fixed
 *    rate while one worker runs: the time from send to the sink's 250 when the queue is not behind.
 *
 *   npm run bench:outbound -- [--messages 10000] [--domains 100] [--workers 2] [--steady 200] [--rate 20]
 *
 * DATABASE_URL: PostgreSQL server to create the benchmark database on (dropped afterwards);
 * without it, the embedded database in memory.
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { createDb, type DbHandle } from "@/db/client";
import { migrate } from "@/db/migrate";
import { GIB, organizations } from "@/db/schema";
import { insertAccount } from "@/lib/accounts/insert-account";
import { sendMessage } from "@/lib/compose/send";
import { buildMessage } from "@/lib/mime/build-message";
import { enqueueInTx } from "@/lib/outbound/enqueue";
import { outboundConfigFromEnv } from "@/lib/outbound/config";
import { processDueOutbound } from "@/lib/outbound/process";
import { createOrganization } from "@/lib/setup/organizations";
import { eq } from "drizzle-orm";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const N = arg("messages", 10_000);
const D = arg("domains", 100);
const W = arg("workers", 2);
const STEADY = arg("steady", 200);
const RATE = arg("rate", 20);
const BATCH = arg("batch", 200);
const CONCURRENCY = arg("concurrency", 8);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function main() {
  let handle: DbHandle;
  let drop = async () => {};
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `mailroom_bench_out_${randomUUID().slice(0, 8)}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(base);
    u.pathname = `/${name}`;
    handle = createDb({ url: u.toString(), max: 20 });
    drop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    handle = createDb({ dataDir: "memory://" });
  }
  const db = handle.db;
  await migrate(handle);
  const org = await createOrganization(db, {
    name: "Bench",
    domains: ["bench.example"],
    poolRule: "fixed",
    poolBytes: 100 * GIB,
  });
  await db.update(organizations).set({ sendLimitPerHour: 1_000_000 }).where(eq(organizations.id, org.id));
  const sender = await insertAccount(db, {
    orgId: org.id,
    address: "sender@bench.example",
    displayName: "Sender",
    kind: "standard",
    passwordHash: "x",
    quotaBytes: 50 * GIB,
  });

  const acceptedAt = new Map<string, number>();
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH"],
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        const now = Date.now();
        for (const r of session.envelope.rcptTo) acceptedAt.set(r.address, now);
        callback(null, "2.0.0 Ok");
      });
    },
  });
  await new Promise<void>((r) => sink.listen(0, "127.0.0.1", r));
  const port = (sink.server.address() as { port: number }).port;
  const config = {
    ...outboundConfigFromEnv({} as NodeJS.ProcessEnv),
    mxPort: port,
    mxHost: "127.0.0.1",
    ehloName: "bench.example",
  };
  const deps = (i: number) => ({
    config,
    resolver: undefined as never,
    workerId: `bench-${i}`,
    batch: BATCH,
    concurrency: CONCURRENCY,
  });

  // ─── backlog ───
  const raw = await buildMessage({
    from: { name: "Sender", address: sender.address },
    to: [{ name: "", address: "someone@d0.example" }],
    subject: "Benchmark",
    text: "x".repeat(2000),
  });
  const queuedAt = new Map<string, number>();
  const tQueue = Date.now();
  for (let start = 0; start < N; start += 500) {
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(N, start + 500); i++) {
        const address = `r${i}@d${i % D}.example`;
        await enqueueInTx(tx, {
          orgId: org.id,
          accountId: sender.id,
          mailFrom: sender.address,
          contentId: randomUUID(),
          messageIdHeader: null,
          subject: "Benchmark",
          raw,
          recipients: [address],
        });
      }
    });
    const now = Date.now();
    for (let i = start; i < Math.min(N, start + 500); i++) queuedAt.set(`r${i}@d${i % D}.example`, now);
  }
  const queueSeconds = (Date.now() - tQueue) / 1000;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: W }, async (_, i) => {
      while ((await processDueOutbound(db, deps(i))) > 0);
    }),
  );
  const drainSeconds = (Date.now() - t0) / 1000;
  const backlog = [...queuedAt].map(([a, q]) => (acceptedAt.get(a) ?? NaN) - q).sort((a, b) => a - b);
  const missing = backlog.filter((x) => Number.isNaN(x)).length;

  // ─── steady ───
  const actor = {
    id: sender.id,
    orgId: org.id,
    address: sender.address,
    displayName: "Sender",
    role: "user" as const,
    sessionId: "bench",
  };
  let stop = false;
  const worker = (async () => {
    while (!stop) if ((await processDueOutbound(db, deps(99))) === 0) await new Promise((r) => setTimeout(r, 5));
  })();
  const sentAt = new Map<string, number>();
  const sendMs: number[] = [];
  for (let i = 0; i < STEADY; i++) {
    const address = `s${i}@d${i % D}.example`;
    const t = Date.now();
    sentAt.set(address, t);
    await sendMessage(db, actor, {
      from: { mode: "as", address: sender.address },
      to: address,
      cc: "",
      bcc: "",
      subject: `Steady ${i}`,
      body: "Hello",
      attachments: [],
      keep: [],
    });
    sendMs.push(Date.now() - t);
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 / RATE - (Date.now() - t))));
  }
  const deadline = Date.now() + 30_000;
  while ([...sentAt.keys()].some((a) => !acceptedAt.has(a)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  stop = true;
  await worker;
  const steady = [...sentAt].map(([a, s]) => (acceptedAt.get(a) ?? NaN) - s).sort((a, b) => a - b);
  sendMs.sort((a, b) => a - b);

  console.log(
    JSON.stringify(
      {
        database: base ? "postgresql" : "pglite",
        messages: N,
        domains: D,
        workers: W,
        queueSeconds,
        drainSeconds,
        messagesPerSecond: Math.round(N / drainSeconds),
        backlogSendTo250Ms: { p50: pct(backlog, 50), p99: pct(backlog, 99) },
        notDelivered: missing,
        steady: {
          messages: STEADY,
          ratePerSecond: RATE,
          sendActionMs: { p50: pct(sendMs, 50), p99: pct(sendMs, 99) },
          sendTo250Ms: { p50: pct(steady, 50), p99: pct(steady, 99) },
        },
      },
      null,
      2,
    ),
  );
  await new Promise<void>((r) => sink.close(() => r()));
  await handle.close();
  await drop();
}

await main();
process.exit(0);
