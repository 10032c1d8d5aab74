import fs from "node:fs";
import net from "node:net";
import { ImapFlow } from "imapflow";

/**
 * What a mail client does on first sync, against any IMAP server: SELECT, UID FETCH 1:* (UID FLAGS
 * ENVELOPE), then UID SEARCH TEXT of a rare word (a five-digit number of one subject, so the same
 * word on the same corpus whatever the server). Shared by `npm run bench:imap` (Mailroom) and
 * scripts/bench/dovecot.ts (the comparison).
 */
export type FirstSync = {
  messages: number;
  fetched: number;
  selectMs: number;
  fetchMs: number;
  searchWord: string;
  searchHits: number;
  searchMs: number;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Peak resident memory of a process (VmHWM), in bytes; 0 when it is gone. */
export function peakRss(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

export async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(socket.end() && true));
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on port ${port}`);
}

export async function measureFirstSync(options: {
  port: number;
  user: string;
  pass: string;
  folder: string;
  /** Called once the measured commands ran, before logout (e.g. to read a server process's memory). */
  beforeLogout?: () => void;
}): Promise<FirstSync> {
  const client = new ImapFlow({
    host: "127.0.0.1",
    port: options.port,
    secure: false,
    auth: { user: options.user, pass: options.pass },
    logger: false,
  });
  await client.connect();
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const result = await work();
    return [result, performance.now() - start];
  };
  const [box, selectMs] = await timed(() => client.mailboxOpen(options.folder));
  const [fetched, fetchMs] = await timed(async () => {
    const subjects: string[] = [];
    for await (const m of client.fetch("1:*", { uid: true, flags: true, envelope: true }, { uid: true })) {
      subjects.push(m.envelope?.subject ?? "");
    }
    return subjects;
  });
  const rare = fetched.map((s) => /\b\d{5}\b/.exec(s)?.[0]).find(Boolean) ?? "zyxwvutsrq";
  const [found, searchMs] = await timed(() => client.search({ text: rare }, { uid: true }));
  options.beforeLogout?.();
  await client.logout();
  return {
    messages: box.exists,
    fetched: fetched.length,
    selectMs: Math.round(selectMs),
    fetchMs: Math.round(fetchMs),
    searchWord: rare,
    searchHits: Array.isArray(found) ? found.length : 0,
    searchMs: Math.round(searchMs),
  };
}
