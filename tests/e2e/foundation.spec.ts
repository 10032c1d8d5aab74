import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/sign-in";

test("the signed-out are sent to the sign-in page", async ({ page }) => {
  await page.goto("/mail");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in to Mailroom" })).toBeVisible();
});

test("guide@ signs in and sees their Inbox with the seeded mail", async ({ page }) => {
  await signIn(page, "guide@example.org");
  await expect(page).toHaveURL(/\/mail\/guide%40example\.org\/inbox/);
  await expect(page.getByText("Devis pour le renouvellement du parc informatique").first()).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Folders" })).toContainText("Inbox");
});

test("the admin reaches /admin; guide@ gets a 404 there", async ({ page, browser }) => {
  await signIn(page, "admin@example.org");
  const admin = await page.goto("/admin");
  expect(admin?.status()).toBe(200);

  const other = await browser.newContext();
  const guide = await other.newPage();
  await signIn(guide, "guide@example.org");
  const response = await guide.goto("/admin");
  expect(response?.status()).toBe(404);
  await other.close();
});

test("a shared mailbox's address cannot sign in, with the wrong-password message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill("support@example.org");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong address or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("the language switch turns the interface French", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { name: "Connexion à Mailroom" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});
