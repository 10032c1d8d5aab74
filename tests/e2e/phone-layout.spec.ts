import { expect, test, type Page } from "@playwright/test";
import { ADMIN, GUIDE, shot, signIn } from "./support/accounts";
import { messageLink } from "./support/mail-session";
import { ComposePage } from "./support/compose-page";

const WIDTH = 390;
test.use({ viewport: { width: WIDTH, height: 844 }, isMobile: true, hasTouch: true });

/** Nothing wider than the screen: the page never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const [width, widest] = await page.evaluate(() => {
    // The outermost elements that reach past the screen, to name in the failure.
    const past = [...document.body.querySelectorAll("*")].filter(
      (e) => e.getBoundingClientRect().right > innerWidth + 0.5,
    );
    const placed = (e: Element) => ["absolute", "fixed"].includes(getComputedStyle(e).position);
    const outer = past.filter((e) => placed(e) || !past.some((p) => p !== e && p.contains(e))).slice(0, 5);
    return [document.documentElement.scrollWidth, outer.map((e) => `${e.tagName}.${e.className}`)] as const;
  });
  expect(width, `${where} is ${width} px wide: ${widest.join(" | ")}`).toBeLessThanOrEqual(WIDTH);
}

const folderPane = (page: Page) => page.getByRole("navigation", { name: "Folders" });
const listPane = (page: Page) => page.getByRole("region", { name: "Message list" });
const readingPane = (page: Page) => page.getByRole("region", { name: "Reading pane" });

test("at 390 × 844 the mail shows one pane at a time, every step reachable, nothing wider than the screen", async ({
  page,
}) => {
  await signIn(page, GUIDE);
  await page.waitForURL(/\/mail\/[^/]+\/inbox/);
  // The list alone: no folder pane, no reading pane beside it.
  await expect(listPane(page)).toBeVisible();
  await expect(folderPane(page)).toBeHidden();
  await expect(readingPane(page)).toBeHidden();
  await expectNoSidewaysScroll(page, "the inbox");
  await shot(page, "phone-1-list");

  // A message: only the reading pane, with a back control to the list.
  const first = page.locator("#message-rows li a").first();
  const subject = (await first.locator(".mrow-subject").textContent())!;
  await first.click();
  await expect(readingPane(page).getByRole("heading", { level: 3, name: subject })).toBeVisible();
  await expect(listPane(page)).toBeHidden();
  await expect(folderPane(page)).toBeHidden();
  await expectNoSidewaysScroll(page, "the open message");
  await shot(page, "phone-2-message");
  await readingPane(page).getByRole("link", { name: "Back to the list" }).click();
  await expect(listPane(page)).toBeVisible();
  await expect(readingPane(page)).toBeHidden();
  await expect(messageLink(page, subject).first()).toBeVisible();

  // The folders, from the list; another folder opens its list.
  await page.getByTestId("show-folders").click();
  await expect(folderPane(page)).toBeVisible();
  await expect(listPane(page)).toBeHidden();
  await expectNoSidewaysScroll(page, "the folders");
  await shot(page, "phone-3-folders");
  // Back to the list without choosing, then to the folders again.
  await page.getByTestId("hide-folders").click();
  await expect(listPane(page)).toBeVisible();
  await expect(folderPane(page)).toBeHidden();
  await page.getByTestId("show-folders").click();
  await page
    .getByTestId("own-mailbox-folders")
    .getByRole("link", { name: /^Sent Items/ })
    .click();
  await page.waitForURL(/\/sent/);
  await expect(
    listPane(page)
      .getByRole("paragraph")
      .filter({ hasText: /^Sent Items$/ }),
  ).toBeVisible();
  await expect(folderPane(page)).toBeHidden();
  await expectNoSidewaysScroll(page, "Sent Items");

  // Compose from the folder pane, and send.
  await page.getByTestId("show-folders").click();
  await folderPane(page).getByRole("link", { name: "New message" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const compose = new ComposePage(page);
  await compose.ready();
  await expectNoSidewaysScroll(page, "compose");
  const sent = `Sent from a phone ${Date.now()}`;
  await compose.to().fill("configuration@example.org");
  await compose.subject().fill(sent);
  await compose.write("Written at 390 pixels.");
  await shot(page, "phone-4-compose");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByTestId("sent-notice")).toContainText("Message sent");
  await expectNoSidewaysScroll(page, "the sent notice");

  // The user's other pages.
  for (const path of ["/mail/sessions", "/mail/search?q=facture", `/mail/${encodeURIComponent(GUIDE)}/audit`]) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
  }
  // The sent message is in Sent Items.
  await page.goto(`/mail/${encodeURIComponent(GUIDE)}/sent`);
  await expect(messageLink(page, sent)).toBeVisible();
});

test("at 390 px the admin pages fit the screen", async ({ page }) => {
  await signIn(page, ADMIN);
  for (const path of ["/admin", "/admin/users", "/admin/users/new", "/admin/shared/new", "/admin/audit"]) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
  }
  for (const path of ["/admin/organization", "/admin/outbound"]) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
  }
  // A user's page and a mailbox's delegations, reached from the lists.
  await page.goto("/admin/users");
  await page.locator("main a[href^='/admin/users/']:not([href$='/new'])").first().click();
  await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
  await expectNoSidewaysScroll(page, "a user's page");
  await shot(page, "phone-5-admin-user");
});

test.describe("before JavaScript loads", () => {
  test.use({ javaScriptEnabled: false });

  test("at 390 px the panes switch with links and a checkbox alone", async ({ page }) => {
    await signIn(page, GUIDE);
    await expect(listPane(page)).toBeVisible();
    await expect(folderPane(page)).toBeHidden();
    await page.getByTestId("show-folders").click();
    await expect(folderPane(page)).toBeVisible();
    await expect(listPane(page)).toBeHidden();
    await page
      .getByTestId("own-mailbox-folders")
      .getByRole("link", { name: /^Inbox/ })
      .click();
    await page.waitForLoadState("load");
    await expect(listPane(page)).toBeVisible();
    await expect(folderPane(page)).toBeHidden();
    await page.locator("#message-rows li a").first().click();
    await page.waitForLoadState("load");
    await expect(readingPane(page)).toBeVisible();
    await expect(listPane(page)).toBeHidden();
    await expectNoSidewaysScroll(page, "the open message without JavaScript");
  });
});
