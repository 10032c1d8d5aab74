import { mkdir, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { postgresBulk } from "./bulk";
import { captureClientNavigation, closeBrowser, loadInBrowser } from "./client-nav";
import { databaseUrl, DEFAULT_SERVER_URL } from "./database";
import { readFixtures } from "./fixtures";
import type { HttpRequest } from "./load";
import { BENCH_PASSWORD, DELEGATE } from "./plan";
import { startServer } from "./server";
import { signIn } from "./session";

/**
 * What each mail page weighs on the wire, as the delegate: the full loads (HTML) and the client
 * navigations (the RSC requests the browser sends, captured in Chromium), uncompressed and as
 * the server sends them to a browser that accepts gzip; with --repeat N, the server's CPU time per
 * request (less swayed than latency by other work on a shared machine) and the median latency:
 *   npx tsx --conditions=react-server scripts/bench/page-bytes.ts --size 10k [--repeat 100]
 */
const { values } = parseArgs({
  options: {
    size: { type: "string", default: "10k" },
    port: { type: "string", default: "3870" },
    /** Also send each request this many times in a row: the server's CPU time per request, its median latency. */
    repeat: { type: "string", default: "0" },
    /** Also write each page's uncompressed body to this folder, to see what its bytes are. */
    save: { type: "string" },
  },
});

/** The body's length as sent (no decompression) and its Content-Encoding. */
function rawSize(
  baseUrl: string,
  request: HttpRequest,
  encoding: string,
): Promise<{ bytes: number; as: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${baseUrl}${request.path}`,
      { headers: { ...request.headers, "accept-encoding": encoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          res.statusCode === 200
            ? resolve({
                bytes: chunks.reduce((n, c) => n + c.length, 0),
                as: String(res.headers["content-encoding"] ?? "identity"),
                body: Buffer.concat(chunks),
              })
            : reject(new Error(`${request.path} answered ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
  });
}

async function main() {
  const url =
    process.env.DATABASE_URL ||
    databaseUrl(process.env.BENCH_POSTGRES_URL || DEFAULT_SERVER_URL, `mailroom_bench_${values.size}`);
  const bulk = postgresBulk(url, 1);
  const [session] = await bulk.sessions();
  const fx = await readFixtures(session!).finally(async () => {
    await session!.release();
    await bulk.close();
  });
  const server = await startServer({
    port: Number(values.port),
    env: { DATABASE_URL: url },
    logFile: path.join(process.cwd(), "bench-data", "page-bytes-server.log"),
  });
  try {
    const cookie = await signIn(server.baseUrl, DELEGATE.address, BENCH_PASSWORD);
    const mailbox = `/mail/${encodeURIComponent(fx.bigAddress)}`;
    const full = (p: string): HttpRequest => ({ method: "GET", path: p, headers: { cookie } });
    const nav = async (from: string, selector: string) => {
      const captured = await captureClientNavigation(server.baseUrl, cookie, from, selector);
      if (typeof captured === "string") throw new Error(captured);
      return { ...captured, headers: { ...captured.headers, cookie } };
    };
    const pages: [string, HttpRequest][] = [
      ["folder page, full load (shared Inbox)", full(`${mailbox}/inbox`)],
      ["message page, full load", full(`${mailbox}/inbox/${fx.newest.id}`)],
      [
        "open a message by client navigation from the list",
        await nav(`${mailbox}/inbox`, `#message-rows a[href="${mailbox}/inbox/${fx.newest.id}"]`),
      ],
      ["next page by client navigation", await nav(`${mailbox}/inbox`, `a[href*="?after="]`)],
      [
        "folder switch (Sent Items → Inbox) by client navigation",
        await nav(`${mailbox}/sent`, `a[href="${mailbox}/inbox"]`),
      ],
    ];
    const repeat = Number(values.repeat);
    console.log(
      repeat
        ? "| page | uncompressed | gzip | server CPU ms/req | p50 ms (sequential) |\n|---|---:|---:|---:|---:|"
        : "| page | uncompressed | gzip |\n|---|---:|---:|",
    );
    for (const [title, request] of pages) {
      const plain = await rawSize(server.baseUrl, request, "identity");
      if (values.save) {
        await mkdir(values.save, { recursive: true });
        await writeFile(path.join(values.save, `${title.replace(/[^a-z0-9]+/gi, "-")}.txt`), plain.body);
      }
      const gzip = await rawSize(server.baseUrl, request, "gzip");
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      let timing = "";
      if (repeat) {
        for (let i = 0; i < 5; i++) await rawSize(server.baseUrl, request, "gzip");
        const times: number[] = [];
        const cpu = server.cpuMs();
        for (let i = 0; i < repeat; i++) {
          const start = performance.now();
          await rawSize(server.baseUrl, request, "gzip");
          times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        timing = ` ${((server.cpuMs() - cpu) / repeat).toFixed(1)} | ${times[Math.floor(repeat / 2)]!.toFixed(1)} |`;
      }
      console.log(
        `| ${title} | ${kb(plain.bytes)} | ${kb(gzip.bytes)}${gzip.as === "gzip" ? "" : ` (${gzip.as})`} |${timing}`,
      );
    }
    // A full load in a browser: what it asks for after the page (prefetches) and what it costs the server.
    for (const [title, from] of [
      ["folder page", `${mailbox}/inbox`],
      ["message page", `${mailbox}/inbox/${fx.newest.id}`],
    ] as const) {
      await loadInBrowser(server.baseUrl, cookie, from);
      const cpu = server.cpuMs();
      const loaded = await loadInBrowser(server.baseUrl, cookie, from);
      if (typeof loaded === "string") throw new Error(loaded);
      console.log(
        `${title} in a browser: ${loaded.rscRequests} RSC requests after the page ` +
          `(${(loaded.rscBytes / 1024).toFixed(1)} KB), server CPU ${(server.cpuMs() - cpu).toFixed(0)} ms in all`,
      );
    }
  } finally {
    await closeBrowser();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
