import { expect, test } from "@playwright/test";
import { fillSharedMailboxForm, sharedRow, tick } from "./support/admin";
import { signIn } from "./support/sign-in";

/**
 * The guide's "customer area" half, in the browser: an admin creates a shared mailbox (form →
 * Next → summary → Confirm), finds it in the list with the pool meter updated, delegates it to
 * guide@ (Full Access) and configuration@ (Full Access + Send As), and the audit trail shows it.
 * The demo organisation starts with support@ (2 GB) in a 10 GB pool.
 */
test("an admin creates a shared mailbox and delegates it, as in the guide", async ({ page, browser }) => {
  await signIn(page, "admin@example.org");
  await page.goto("/admin");
  await expect(page.getByTestId("pool-meter-text")).toHaveText("2 GB of 10 GB allocated, 8 GB free");

  await page.getByRole("link", { name: "Add a shared mailbox" }).click();
  await expect(page.getByRole("heading", { name: "Add a shared mailbox" })).toBeVisible();
  await fillSharedMailboxForm(page, { local: "contact", quota: "1.5", displayName: "Contact Example", hidden: true });

  const summary = page.getByTestId("shared-summary");
  await expect(summary.getByRole("heading", { name: "Check and confirm" })).toBeFocused();
  await expect(summary.getByTestId("summary-address")).toHaveText("contact@example.org");
  await expect(summary).toContainText("Contact Example");
  await expect(summary).toContainText("1.5 GB");
  await expect(summary).toContainText("3.5 GB of 10 GB allocated after this, 6.5 GB free");
  await summary.getByRole("button", { name: "Confirm" }).click();

  await expect(page).toHaveURL(/\/admin\?notice=sharedCreated/);
  await expect(page.getByTestId("notice")).toContainText("The shared mailbox contact@example.org was created.");
  await expect(page.getByTestId("pool-meter-text")).toHaveText("3.5 GB of 10 GB allocated, 6.5 GB free");
  const row = sharedRow(page, "contact@example.org");
  await expect(row).toContainText("Contact Example");
  await expect(row).toContainText("Hidden");
  await expect(row.locator("td").nth(3)).toHaveText("0");

  // Configurer les délégations: guide@ Full Access, configuration@ Full Access + Send As.
  await row.getByRole("link", { name: "Configure delegations" }).click();
  await expect(page.getByRole("heading", { name: "Delegations of contact@example.org" })).toBeVisible();
  await tick(page, "Full Access", "Guide Dupont");
  await tick(page, "Full Access", "Camille Configuration");
  await tick(page, "Send As", "Camille Configuration");
  await page.getByRole("button", { name: "Next" }).click();

  const changes = page.getByTestId("delegation-summary");
  await expect(changes.getByRole("heading", { name: "Changes to confirm" })).toBeVisible();
  await expect(changes.locator('[data-delegate="guide@example.org"]')).toContainText("Granted: Full Access");
  await expect(changes.locator('[data-delegate="configuration@example.org"]')).toContainText(
    "Granted: Send As, Full Access",
  );
  await expect(changes.locator("[data-delegate]")).toHaveCount(2);
  await changes.getByRole("button", { name: "Confirm" }).click();

  await expect(page.getByTestId("form-done")).toHaveText("The delegations were applied. They are in effect now.");
  await expect(page.getByTestId("delegation-applied").locator("[data-delegate]")).toHaveCount(2);
  // shown as applied: the grid now holds the new delegations
  await expect(page.getByRole("checkbox", { name: "Full Access for Guide Dupont", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Send As for Camille Configuration", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Send As for Guide Dupont", exact: true })).not.toBeChecked();

  await page.goto("/admin");
  await expect(sharedRow(page, "contact@example.org").locator("td").nth(3)).toHaveText("2");

  // In effect at once: guide@ can open the new mailbox.
  const other = await browser.newContext();
  const guide = await other.newPage();
  await signIn(guide, "guide@example.org");
  const opened = await guide.goto("/mail/contact%40example.org/inbox");
  expect(opened?.status()).toBe(200);
  await other.close();

  // The audit trail shows each change, filtered by the mailbox.
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Audit trail" }).click();
  await page.getByLabel("Mailbox").fill("contact@example.org");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/mailbox=contact%40example\.org/);
  const events = page.getByTestId("audit-list").locator("tbody tr");
  // the admin's three changes, and guide@ opening the mailbox (delegate activity, R13)
  await expect(events).toHaveCount(4);
  await expect(page.getByTestId("audit-list").locator('tr[data-action="mailbox.open"]')).toContainText(
    "guide@example.org",
  );
  await expect(page.getByTestId("audit-list").locator('tr[data-action="shared.create"]')).toContainText(
    "admin@example.org",
  );
  const grants = page.getByTestId("audit-list").locator('tr[data-action="delegation.grant"]');
  await expect(grants).toHaveCount(2);
  await expect(grants.filter({ hasText: "configuration@example.org" })).toContainText("Send As, Full Access");
  await expect(grants.filter({ hasText: "guide@example.org" })).toContainText("Full Access");
});

test("the wizard refuses, at Next, an address that exists and a quota beyond the pool", async ({ page }) => {
  await signIn(page, "admin@example.org");
  await page.goto("/admin/shared/new");
  await fillSharedMailboxForm(page, { local: "Support", quota: "500", displayName: "Again" });
  const local = page.getByLabel("Email account");
  await expect(local).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.locator(`#${await local.getAttribute("aria-describedby").then((v) => v!.split(" ")[0])}`),
  ).toHaveText("This address already exists.");
  await expect(local).toBeFocused();
  // the fields keep what was typed
  await expect(page.getByLabel("Display name")).toHaveValue("Again");
  await local.fill("support-two");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Quota (GB)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/^Only .* of the shared pool is free\.$/)).toBeVisible();
});

test.describe("before JavaScript loads", () => {
  test.use({ javaScriptEnabled: false });

  test("the create wizard and the delegation grid work as plain HTML forms", async ({ page }) => {
    await signIn(page, "admin@example.org");
    await page.goto("/admin/shared/new");
    await fillSharedMailboxForm(page, { local: "nojs", quota: "0.5", displayName: "No Script" });
    const summary = page.getByTestId("shared-summary");
    await expect(summary.getByTestId("summary-address")).toHaveText("nojs@example.org");
    await summary.getByRole("button", { name: "Back" }).click();
    await expect(page.getByLabel("Display name")).toHaveValue("No Script");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByTestId("shared-summary").getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("notice")).toContainText("nojs@example.org was created");
    await expect(sharedRow(page, "nojs@example.org")).toBeVisible();

    await sharedRow(page, "nojs@example.org").getByRole("link", { name: "Configure delegations" }).click();
    await tick(page, "Send on Behalf", "Guide Dupont");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByTestId("delegation-summary")).toContainText("Granted: Send on Behalf");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("form-done")).toHaveText("The delegations were applied. They are in effect now.");
    await expect(page.getByRole("checkbox", { name: "Send on Behalf for Guide Dupont", exact: true })).toBeChecked();
  });
});

test("a non-admin gets a 404 on every admin page", async ({ page, browser }) => {
  // The admin collects the real addresses of the detail pages first.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@example.org");
  await admin.goto("/admin");
  const support = sharedRow(admin, "support@example.org");
  const sharedPage = await support.getByRole("link", { name: "support@example.org" }).getAttribute("href");
  const delegationsPage = await support.getByRole("link", { name: "Configure delegations" }).getAttribute("href");
  await admin.goto("/admin/users");
  const userPage = await admin.getByRole("link", { name: "configuration@example.org" }).getAttribute("href");
  await adminContext.close();
  const detailPages = [sharedPage!, `${sharedPage}/delete`, delegationsPage!, userPage!, `${userPage}/delete`];
  expect(detailPages.every((p) => p.startsWith("/admin/"))).toBe(true);

  await signIn(page, "guide@example.org");
  for (const path of [
    "/admin",
    "/admin/shared/new",
    "/admin/users",
    "/admin/users/new",
    "/admin/organization",
    "/admin/audit",
    ...detailPages,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
