import { expect, type Browser, type Page } from "@playwright/test";
import { signIn } from "./sign-in";

export { DEMO_PASSWORD } from "./sign-in";

/** A fresh browser context signed in as a demo user. */
export async function signedIn(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, address);
  return page;
}

/** The id of the message listed with this subject in a folder (from its link in the list). */
export async function messageIdInList(page: Page, address: string, folder: string, subject: string): Promise<string> {
  await page.goto(`/mail/${encodeURIComponent(address)}/${folder}`);
  const link = messageLink(page, subject);
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href")) ?? "";
  const id = href.split("/").pop() ?? "";
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

/** The link of the listed message with this (unique) subject; the link also names sender and date. */
export const messageLink = (page: Page, subject: string) =>
  page.locator("#message-rows").getByRole("link").filter({ hasText: subject });

/** The folder pane's section for the user's own mailbox (shared mailboxes are listed below it). */
export const ownMailbox = (page: Page) => page.getByTestId("own-mailbox-folders");
