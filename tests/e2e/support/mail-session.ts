import { expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Mailroom-demo-2026";

/** A fresh browser context signed in as a demo user. */
export async function signedIn(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email address").fill(address);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/mail\//);
  return page;
}

/** The id of the message listed with this subject in a folder (from its link in the list). */
export async function messageIdInList(page: Page, address: string, folder: string, subject: string): Promise<string> {
  await page.goto(`/mail/${encodeURIComponent(address)}/${folder}`);
  const link = page.getByRole("link", { name: subject, exact: true });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href")) ?? "";
  const id = href.split("/").pop() ?? "";
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}
