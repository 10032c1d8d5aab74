import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { freePort, measureFirstSync, peakRss, waitForPort } from "./imap-measure";
import { BENCH_PASSWORD, BIG, DELEGATE } from "./plan";

/**
 * The comparison of `npm run bench:imap`: the same corpus — the seeded organisation's biggest
 * shared Inbox, read from DATABASE_URL — written as a Maildir (flags in the file names, the raw
 * messages byte for byte) for a private Dovecot 2.3 (Debian's dovecot-imapd) with its own config,
 * passwd-file and directories in a temporary directory, on a port of its own; then the same client
 * (scripts/bench/imap-measure.ts) twice: the first sync (Dovecot builds its index and cache) and a
 * second one. Peak RSS is the `imap` process serving the session. Run as root; nothing is left
 * running, and the directory is removed unless --keep (--dir reuses a kept one: its Maildir is not
 * exported again; Dovecot's index files are removed so the first sync is a first sync).
 *
 *   DATABASE_URL=postgres://…/mailroom_imap_100k npm run bench:imap:dovecot -- [--port 4310] [--keep] [--dir D]
 */
const { values } = parseArgs({
  options: { port: { type: "string" }, dir: { type: "string" }, keep: { type: "boolean", default: false } },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error("set DATABASE_URL to the seeded benchmark database");
const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "mailroom-dovecot-"));
const port = values.port ? Number(values.port) : await freePort();
const user = DELEGATE.address;
const maildir = path.join(dir, "home", user, "Maildir");

/** Maildir info flags, in ASCII order as the format wants them. */
function maildirFlags(m: { seen: boolean; flagged: boolean; answered: boolean; deleted: boolean; draft: boolean }) {
  const letters: [boolean, string][] = [
    [m.draft, "D"],
    [m.flagged, "F"],
    [m.answered, "R"],
    [m.seen, "S"],
    [m.deleted, "T"],
  ];
  return letters.map(([on, letter]) => (on ? letter : "")).join("");
}

async function exportMaildir(): Promise<number> {
  for (const sub of ["cur", "new", "tmp"]) fs.mkdirSync(path.join(maildir, sub), { recursive: true });
  const sql = postgres(url!, { max: 1, onnotice: () => {} });
  try {
    const [folder] = await sql`
      select f.id, f.org_id from folders f join accounts a on a.id = f.account_id
      where a.address = ${BIG.address} and f.kind = 'inbox'`;
    if (!folder) throw new Error(`no Inbox for ${BIG.address}: seed the database first`);
    let after = 0;
    let written = 0;
    for (;;) {
      const rows = await sql`
        select m.uid, m.seen, m.flagged, m.answered, m.deleted, m.is_draft as draft, m.received_at, c.raw
        from messages m join message_contents c on c.org_id = m.org_id and c.id = m.content_id
        where m.org_id = ${folder.org_id} and m.folder_id = ${folder.id} and m.uid > ${after}
        order by m.uid limit 1000`;
      if (rows.length === 0) return written;
      for (const r of rows) {
        const raw = r.raw as Buffer;
        const seconds = Math.floor(new Date(r.received_at as Date).getTime() / 1000);
        const name = `${seconds}.M${r.uid}P1.mailroom,S=${raw.length}:2,${maildirFlags(r as never)}`;
        const file = path.join(maildir, "cur", name);
        fs.writeFileSync(file, raw);
        fs.utimesSync(file, seconds, seconds);
        written++;
      }
      after = Number(rows[rows.length - 1]!.uid);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function writeConfig(): string {
  const conf = path.join(dir, "dovecot.conf");
  fs.mkdirSync(path.join(dir, "run"), { recursive: true });
  fs.mkdirSync(path.join(dir, "state"), { recursive: true });
  fs.writeFileSync(path.join(dir, "passwd"), `${user}:{PLAIN}${BENCH_PASSWORD}::::::\n`);
  fs.writeFileSync(
    conf,
    `# Written by scripts/bench/dovecot.ts: a private instance for the benchmark only.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 8
mail_location = maildir:${dir}/home/%u/Maildir
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service imap {
  vsz_limit = 2G
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=mail gid=mail home=${dir}/home/%u
}
`,
  );
  return conf;
}

/** The `imap` processes under Dovecot's master (one serves the benchmark's session). */
function imapProcesses(master: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const match = /^\d+ \(([^)]*)\) \S+ (\d+)/.exec(stat);
      if (match && match[1] === "imap" && Number(match[2]) === master) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const exported = fs.existsSync(path.join(maildir, "cur")) && fs.readdirSync(path.join(maildir, "cur")).length > 0;
if (exported) {
  console.log(`reusing the Maildir in ${maildir} (--dir), without Dovecot's index: the first sync builds it`);
  for (const file of fs.readdirSync(maildir)) {
    if (file.startsWith("dovecot")) fs.rmSync(path.join(maildir, file), { recursive: true, force: true });
  }
} else {
  const started = performance.now();
  const count = await exportMaildir();
  console.log(`exported ${count} messages to ${maildir} in ${Math.round(performance.now() - started)} ms`);
}
// Dovecot's auth and mail processes run as other users: they must reach the files.
fs.chmodSync(dir, 0o755);
spawnSync("chown", ["-R", "mail:mail", path.join(dir, "home")], { stdio: "inherit" });
const conf = writeConfig();
const master = spawn("dovecot", ["-F", "-c", conf], { stdio: ["ignore", "inherit", "inherit"] });
try {
  await waitForPort(port);
  for (const run of ["first", "second"]) {
    let rss = 0;
    const result = await measureFirstSync({
      port,
      user,
      pass: BENCH_PASSWORD,
      folder: "INBOX",
      beforeLogout: () => (rss = Math.max(0, ...imapProcesses(master.pid!).map(peakRss))),
    });
    const peakRssMiB = Math.round(rss / 1048576);
    console.log(JSON.stringify({ server: "dovecot 2.3", run, folder: "INBOX", ...result, peakRssMiB }));
  }
} finally {
  master.kill("SIGTERM");
  await new Promise((r) => master.once("exit", r));
  if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
