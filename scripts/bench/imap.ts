import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { parseArgs } from "node:util";
import { ImapFlow } from "imapflow";
import { databaseUrl, DEFAULT_SERVER_URL } from "./database";
import { BENCH_PASSWORD, BIG, DELEGATE, SIZES } from "./plan";

/**
 * npm run bench:imap [-- --size 100k]
 *
 * What a mail client does on first sync of the seeded organisation's biggest shared Inbox, against
 * `mailroom imap` run alone on PostgreSQL (seed first: npm run bench -- --sizes 100k --seed-only):
 * SELECT, UID FETCH 1:* (UID FLAGS ENVELOPE), UID SEARCH TEXT of a rare word; time of each and the
 * listener's peak RSS.
 */
const { values } = parseArgs({ options: { size: { type: "string", default: "100k" } } });
const size = SIZES[values.size!];
if (!size) throw new Error(`unknown size ${values.size}`);
const url =
  process.env.DATABASE_URL ||
  databaseUrl(process.env.BENCH_POSTGRES_URL ?? DEFAULT_SERVER_URL, `mailroom_bench_${size.label}`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const peakRss = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
};

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(socket.end() && true));
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the IMAP listener did not start");
}

const port = await freePort();
const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/index.ts", "imap"], {
  env: { ...process.env, DATABASE_URL: url, MAILROOM_IMAP_PORT: String(port), MAILROOM_IMAP_HOST: "127.0.0.1" },
  stdio: ["ignore", "inherit", "inherit"],
});
try {
  await waitForPort(port);
  const client = new ImapFlow({
    host: "127.0.0.1",
    port,
    secure: false,
    auth: { user: DELEGATE.address, pass: BENCH_PASSWORD },
    logger: false,
  });
  await client.connect();
  const folder = `Shared/${BIG.address}/INBOX`;
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const result = await work();
    return [result, performance.now() - start];
  };
  const [box, selectMs] = await timed(() => client.mailboxOpen(folder));
  const [fetched, fetchMs] = await timed(async () => {
    const subjects: string[] = [];
    for await (const m of client.fetch("1:*", { uid: true, flags: true, envelope: true }, { uid: true })) {
      subjects.push(m.envelope?.subject ?? "");
    }
    return subjects;
  });
  const rare = fetched.map((s) => /\b\d{5}\b/.exec(s)?.[0]).find(Boolean) ?? "zyxwvutsrq";
  const [found, searchMs] = await timed(() => client.search({ body: rare }, { uid: true }));
  await client.logout();
  const rss = peakRss(child.pid!);
  console.log(
    JSON.stringify(
      {
        size: size.label,
        folder,
        messages: box.exists,
        fetched: fetched.length,
        selectMs: Math.round(selectMs),
        fetchMs: Math.round(fetchMs),
        searchWord: rare,
        searchHits: Array.isArray(found) ? found.length : 0,
        searchMs: Math.round(searchMs),
        peakRssMiB: Math.round(rss / 1048576),
      },
      null,
      2,
    ),
  );
} finally {
  child.kill("SIGTERM");
}
