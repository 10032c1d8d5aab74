import { expect, test, type Page } from "@playwright/test";
import { signedIn } from "./support/mail-session";
import { signIn } from "./support/sign-in";

/**
 * Collapsed mailboxes in the folder pane, as in Outlook on the web: the chevron before a mailbox's
 * name hides its folders and shows them again, remembered for the person (a reload keeps it), with
 * and without JavaScript. Each test expands what it collapsed: the demo's panes stay as they were.
 */
const GUIDE = "guide@example.org";
const ADMIN = "admin@example.org";
const SUPPORT_INBOX = `/mail/${encodeURIComponent("support@example.org")}/inbox`;
const support = (page: Page) => page.getByRole("region", { name: "Support Example" });

async function collapseAndExpand(page: Page) {
  await page.goto(SUPPORT_INBOX);
  await expect(support(page).getByRole("link", { name: /^Archive/ })).toBeVisible();
  const count = support(page)
    .getByRole("link", { name: /^Inbox/ })
    .locator(".sr-only");
  const unread = (await count.count()) === 0 ? 0 : Number((await count.textContent())?.match(/^(\d+) unread/)?.[1]);
  await support(page).getByRole("button", { name: "Collapse Support Example" }).click();
  await expect(support(page).getByRole("link", { name: /^Archive/ })).toHaveCount(0);
  // Its Inbox's unread count stays beside its name (none when there is nothing unread).
  await expect(support(page).getByText(/unread in Inbox$/)).toHaveText(unread > 0 ? `${unread} unread in Inbox` : []);
  await expect(support(page).getByRole("button", { name: "Expand Support Example" })).toHaveAttribute(
    "aria-expanded",
    "false",
  );
  // Remembered: a new load of the page keeps it collapsed; the mailbox itself still opens.
  await page.reload();
  await expect(support(page).getByRole("link", { name: /^Archive/ })).toHaveCount(0);
  await expect(page.locator("#message-rows li").first()).toBeVisible();
  await support(page).getByRole("button", { name: "Expand Support Example" }).click();
  await expect(support(page).getByRole("link", { name: /^Archive/ })).toBeVisible();
  await expect(support(page).getByRole("button", { name: "Collapse Support Example" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
}

test("a shared mailbox collapses in the folder pane and expands again, remembered", async ({ browser }) => {
  await collapseAndExpand(await signedIn(browser, GUIDE));
});

test.describe("before JavaScript loads", () => {
  test.use({ javaScriptEnabled: false });

  test("the chevron is a plain form", async ({ page }) => {
    await signIn(page, GUIDE);
    await collapseAndExpand(page);
  });
});

/** A subfolder of the admin's Inbox (their mail is in no other test's screenshots), collapsed and expanded. */
async function collapseSubfolders(page: Page, folderName: string) {
  const own = page.getByTestId("own-mailbox-folders");
  await page.goto(`/mail/${encodeURIComponent(ADMIN)}/inbox`);
  await page.getByText("New folder").click();
  await page.getByLabel("Folder name").fill(folderName);
  await page.getByLabel("Inside").selectOption({ label: "Inbox" });
  await page.getByRole("button", { name: "Create folder" }).click();
  await expect(own.getByRole("link", { name: folderName })).toBeVisible();
  await own.getByRole("button", { name: "Collapse Inbox" }).click();
  await expect(own.getByRole("link", { name: folderName })).toHaveCount(0);
  await expect(own.getByRole("button", { name: "Expand Inbox" })).toHaveAttribute("aria-expanded", "false");
  // Remembered.
  await page.reload();
  await expect(own.getByRole("link", { name: folderName })).toHaveCount(0);
  await page.goto(`/mail/${encodeURIComponent(ADMIN)}/inbox`);
  await own.getByRole("button", { name: "Expand Inbox" }).click();
  await expect(own.getByRole("link", { name: folderName })).toBeVisible();
  await expect(own.getByRole("button", { name: "Collapse Inbox" })).toHaveAttribute("aria-expanded", "true");
}

test("a folder's subfolders collapse and expand again, remembered", async ({ browser }) => {
  await collapseSubfolders(await signedIn(browser, ADMIN), "Clients");
});

test.describe("subfolders before JavaScript loads", () => {
  test.use({ javaScriptEnabled: false });

  test("the folder's chevron is a plain form", async ({ page }) => {
    await signIn(page, ADMIN);
    await collapseSubfolders(page, "Suppliers");
  });
});
