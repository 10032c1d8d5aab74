import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Mailroom-demo-2026";

/** Signs in through the real form and waits to land in the mail. */
export async function signIn(page: Page, address: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/Email address|Adresse e-mail/).fill(address);
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Se connecter)$/ }).click();
  await expect(page).toHaveURL(/\/mail\//);
}
