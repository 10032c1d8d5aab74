import type { Browser, Page } from "@playwright/test";
import { signIn } from "./sign-in";

export { DEMO_PASSWORD, signIn } from "./sign-in";

/** The demo seed's logins (lib/demo/seed-demo.ts). */
export const ADMIN = "admin@example.org";
export const GUIDE = "guide@example.org";
export const CONFIGURATION = "configuration@example.org";
export const SUPPORT = { address: "support@example.org", name: "Support Example" };
/** Display names, as the admin's delegation grid labels its checkboxes. */
export const DISPLAY_NAMES: Record<string, string> = {
  [GUIDE]: "Guide Dupont",
  [CONFIGURATION]: "Camille Configuration",
};

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
