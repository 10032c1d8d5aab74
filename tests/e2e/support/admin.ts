import { expect, type Page } from "@playwright/test";

export type SharedMailboxFields = { local: string; quota: string; displayName: string; hidden?: boolean };

/** Fills the create wizard's first step (as the guide's "Ajouter un compte partagé") and presses Next. */
export async function fillSharedMailboxForm(page: Page, fields: SharedMailboxFields): Promise<void> {
  await page.getByLabel("Email account").fill(fields.local);
  await page.getByLabel("Quota (GB)").fill(fields.quota);
  await page.getByLabel("Display name").fill(fields.displayName);
  if (fields.hidden) await page.getByLabel("Hide the address from the address book").check();
  await page.getByRole("button", { name: "Next" }).click();
}

/** The shared mailboxes list's row for an address. */
export const sharedRow = (page: Page, address: string) =>
  page.getByTestId("shared-list").locator(`tr[data-address="${address}"]`);

/** Ticks the delegation grid's checkbox of one right for one person (by display name). */
export async function tick(
  page: Page,
  column: "Send As" | "Send on Behalf" | "Full Access",
  person: string,
): Promise<void> {
  const box = page.getByRole("checkbox", { name: `${column} for ${person}`, exact: true });
  await box.check();
  await expect(box).toBeChecked();
}
