import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, GUIDE, signIn } from "./support/accounts";
import { ownMailbox } from "./support/mail-session";

test("signing in returns to the page that asked for it; a failed attempt keeps the address", async ({ page }) => {
  await page.goto("/mail/settings");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email address").fill(GUIDE);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(GUIDE);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mail\/settings$/);
  await expect(page.getByRole("heading", { level: 2, name: "Automatic replies" })).toBeVisible();
  // The favicon is served, to the signed-out too.
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect((await page.context().request.get(icon!)).headers()["content-type"]).toContain("image/svg+xml");
});

test("Mark as unread keeps the message open, unread; dates read as en-GB", async ({ page }) => {
  await signIn(page, GUIDE);
  const first = page.locator("#message-rows li a").first();
  const subject = (await first.locator("span.block").first().textContent())!;
  await first.click();
  await expect(page.getByRole("heading", { level: 3, name: subject })).toBeVisible();
  const opened = page.url().split("?")[0];
  await page.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Mark as unread" }).click();
  await expect(page).toHaveURL(/unread=1/);
  expect(page.url().split("?")[0]).toBe(opened);
  await expect(page.getByRole("heading", { level: 3, name: subject })).toBeVisible();
  await expect(page.locator("#message-rows li[data-unread='true']").filter({ hasText: subject })).toHaveCount(1);
  await expect(ownMailbox(page)).toBeVisible();
  // en-GB: the list's dates are day/month/year with a 24-hour clock (no AM/PM).
  const dates = await page.locator("#message-rows time").allTextContents();
  expect(dates.length).toBeGreaterThan(0);
  for (const d of dates) expect(d).not.toMatch(/AM|PM/);
});
