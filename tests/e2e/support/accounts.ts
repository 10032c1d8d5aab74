import type { Browser, Page } from "@playwright/test";

/** The demo seed's logins (db/seed.ts). */
export const DEMO_PASSWORD = "Mailroom-demo-2026";
export const ADMIN = "admin@example.org";
export const GUIDE = "guide@example.org";
export const CONFIGURATION = "configuration@example.org";
export const SUPPORT = { address: "support@example.org", name: "Support Example" };

/** Signs in on /login and waits for the mailbox. */
export async function signIn(page: Page, address: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(address);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/mail\//);
}

/** A page in a fresh browser context signed in as `address` (one context per person). */
export async function pageAs(browser: Browser, address: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  await signIn(page, address);
  return page;
}

/** Saves a screenshot of one step of the guide under docs/screenshots/. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });
}
