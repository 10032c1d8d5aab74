import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { databaseUrl, DEFAULT_SERVER_URL } from "./database";
import { freePort, measureFirstSync, peakRss, waitForPort } from "./imap-measure";
import { BENCH_PASSWORD, BIG, DELEGATE, SIZES } from "./plan";

/**
 * npm run bench:imap [-- --size imap100k]
 *
 * What a mail client does on first sync of the seeded organisation's biggest shared Inbox, against
 * `mailroom imap` run alone on PostgreSQL: SELECT, UID FETCH 1:* (UID FLAGS ENVELOPE), UID SEARCH
 * TEXT of a rare word; time of each and the listener's peak RSS. The database is DATABASE_URL, else
 * `mailroom_bench_<size>` (seed first: npm run bench -- --sizes <size> --seed-only). The 100,000-message
 * Inbox: DATABASE_URL=…/mailroom_imap_100k npm run bench -- --sizes imap100k --seed-only.
 */
const { values } = parseArgs({ options: { size: { type: "string", default: "100k" } } });
const size = SIZES[values.size!];
if (!size) throw new Error(`unknown size ${values.size}`);
const url =
  process.env.DATABASE_URL ||
  databaseUrl(process.env.BENCH_POSTGRES_URL ?? DEFAULT_SERVER_URL, `mailroom_bench_${size.label}`);

const port = await freePort();
const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/index.ts", "imap"], {
  env: { ...process.env, DATABASE_URL: url, MAILROOM_IMAP_PORT: String(port), MAILROOM_IMAP_HOST: "127.0.0.1" },
  stdio: ["ignore", "inherit", "inherit"],
});
try {
  await waitForPort(port);
  const folder = `Shared/${BIG.address}/INBOX`;
  // Twice: the first client after the listener started, then a second one (warm caches).
  for (const run of ["first", "second"]) {
    let rss = 0;
    const result = await measureFirstSync({
      port,
      user: DELEGATE.address,
      pass: BENCH_PASSWORD,
      folder,
      beforeLogout: () => (rss = peakRss(child.pid!)),
    });
    const peakRssMiB = Math.round(rss / 1048576);
    console.log(JSON.stringify({ server: "mailroom", run, size: size.label, folder, ...result, peakRssMiB }));
  }
} finally {
  child.kill("SIGTERM");
}
