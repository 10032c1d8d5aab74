import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

/** An admin gives the shared mailbox support@ an extra address, sees it refused twice, then removes it. */
test("an admin adds and removes an alias of a shared mailbox", async ({ page }) => {
  await signIn(page, "admin@example.org");
  await page.goto("/admin");
  await page.getByRole("link", { name: "support@example.org" }).first().click();
  const section = page.getByTestId("aliases");
  await expect(section.getByRole("heading", { name: "Other addresses (aliases)" })).toBeVisible();
  await expect(section).toContainText("No alias.");

  await section.getByLabel("New address").fill("Hello");
  await section.getByRole("button", { name: "Add the alias" }).click();
  await expect(section.getByTestId("form-done")).toContainText("The alias was added");
  const list = section.getByRole("list", { name: "Aliases of this mailbox" });
  await expect(list).toContainText("hello@example.org");

  // An address a mailbox already has is refused at the field.
  await section.getByLabel("New address").fill("guide");
  await section.getByRole("button", { name: "Add the alias" }).click();
  await expect(section.getByLabel("New address")).toHaveAttribute("aria-invalid", "true");

  await list.getByRole("button", { name: "Remove hello@example.org" }).click();
  await expect(section).toContainText("No alias.");
  await expect(section.getByTestId("form-done")).toContainText("The alias was removed.");
});
