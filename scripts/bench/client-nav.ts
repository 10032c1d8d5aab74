import { chromium, type Browser } from "playwright-core";
import type { HttpRequest } from "./load";

/**
 * A client navigation as the browser sends it: Chromium (Debian's) opens `from` as a signed-in
 * user, clicks the link `selector` names, and the RSC request Next.js's router makes for it is
 * returned (its URL with the `_rsc` cache key, `RSC: 1`, `Next-Router-State-Tree`, …) to be
 * replayed by the load tool. One browser for a whole run.
 */
let browser: Promise<Browser> | null = null;

const launch = () =>
  (browser ??= chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
  }));

export async function closeBrowser(): Promise<void> {
  const open = browser;
  browser = null;
  if (open) await (await open).close();
}

/** Headers the load tool sets itself, or that name this browser's session rather than the request. */
const DROP = new Set(["cookie", "host", "connection", "content-length", "accept-encoding"]);

/** A fresh browser context holding the session cookie (`name=value; …`) for `baseUrl`. */
async function signedInContext(baseUrl: string, cookie: string) {
  const context = await (await launch()).newContext();
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const eq = pair.indexOf("=");
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: baseUrl };
    }),
  );
  return context;
}

export async function captureClientNavigation(
  baseUrl: string,
  cookie: string,
  from: string,
  selector: string,
): Promise<HttpRequest | string> {
  const context = await signedInContext(baseUrl, cookie);
  try {
    const page = await context.newPage();
    const opened = await page.goto(`${baseUrl}${from}`);
    if (opened?.status() !== 200) return `GET ${from} answers ${opened?.status()}`;
    await page.waitForLoadState("networkidle");
    const link = page.locator(selector).first();
    if ((await link.count()) === 0) return `no link ${selector} on ${from}`;
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.headers()["rsc"] === "1" && !r.headers()["next-router-prefetch"], {
        timeout: 15_000,
      }),
      link.click(),
    ]);
    const response = await request.response();
    if (response?.status() !== 200) return `the client navigation answers ${response?.status()}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(await request.allHeaders())) {
      if (!DROP.has(name) && !name.startsWith(":")) headers[name] = value;
    }
    const url = new URL(request.url());
    return { method: "GET", path: `${url.pathname}${url.search}`, headers };
  } finally {
    await context.close();
  }
}

/**
 * What a browser asks of the server when it opens `from` and settles: its RSC requests after the
 * page itself (Next.js's router prefetching the links it shows) and their bytes, as received.
 */
export async function loadInBrowser(
  baseUrl: string,
  cookie: string,
  from: string,
): Promise<{ rscRequests: number; rscBytes: number } | string> {
  const context = await signedInContext(baseUrl, cookie);
  try {
    const page = await context.newPage();
    const sizes: Promise<number>[] = [];
    page.on("requestfinished", (r) => {
      if (r.headers()["rsc"] === "1") sizes.push(r.sizes().then((s) => s.responseBodySize));
    });
    const opened = await page.goto(`${baseUrl}${from}`);
    if (opened?.status() !== 200) return `GET ${from} answers ${opened?.status()}`;
    await page.waitForLoadState("networkidle");
    const bytes = await Promise.all(sizes);
    return { rscRequests: bytes.length, rscBytes: bytes.reduce((a, b) => a + b, 0) };
  } finally {
    await context.close();
  }
}
