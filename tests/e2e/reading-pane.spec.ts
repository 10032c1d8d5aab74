import { expect, test, type Page } from "@playwright/test";
import { ownMailbox } from "./support/mail-session";
import { CORPUS_REMOTE_IMAGE, CORPUS_VISIBLE_TEXT } from "../../lib/demo/sanitize-corpus";

const PASSWORD = "Mailroom-demo-2026";
const GUIDE = "guide@example.org";
const HOSTILE_SUBJECT = "Security check: an HTML message with known attacks";
// A 1×1 transparent PNG, answered for any remote request so the test never needs a network.
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

async function signIn(page: Page, address: string) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(address);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/mail\/[^/]+\/inbox/);
}

const isLocal = (url: string) => ["localhost", "127.0.0.1"].includes(new URL(url).hostname);

test("an HTML message carrying known attacks runs no script and loads nothing remote until asked", async ({ page }) => {
  const dialogs: string[] = [];
  const consoleLines: string[] = [];
  const remote: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("console", (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on("request", (request) => {
    if (!isLocal(request.url()) && !request.url().startsWith("data:")) remote.push(request.url());
  });
  await page.route(
    (url) => url.protocol.startsWith("http") && !isLocal(url.toString()),
    (route) => route.fulfill({ status: 200, contentType: "image/png", body: PIXEL }),
  );

  await signIn(page, GUIDE);
  await page.getByRole("link", { name: new RegExp(HOSTILE_SUBJECT) }).click();
  await expect(page.getByRole("heading", { name: HOSTILE_SUBJECT })).toBeVisible();

  const frameElement = page.locator("iframe[title^='Message body']");
  await expect(frameElement).toHaveAttribute("sandbox", "allow-popups allow-popups-to-escape-sandbox");
  const frame = page.frameLocator("iframe[title^='Message body']");
  await expect(frame.getByText(CORPUS_VISIBLE_TEXT)).toBeVisible();
  // What a reader does with a message: hover, click its links and its disclosure.
  await frame.getByText("hover me").hover();
  await frame.getByText("hover me").click();
  await frame.getByText("javascript link").click();
  await frame.getByText("details", { exact: true }).click();
  await frame.locator("body").press("Tab");
  await page.waitForTimeout(1000);

  const hostile = "script, iframe, object, embed, svg, math, form, input, meta, base, link, style, video";
  expect(await frame.locator("body").locator(hostile).count()).toBe(0);
  expect(dialogs).toEqual([]);
  // (Chromium also logs "Blocked script execution" for the test driver's own probes into the
  // sandboxed frame: the payloads are told apart by their "XSS-" marker.)
  expect(consoleLines.filter((line) => /XSS|Refused to/i.test(line))).toEqual([]);
  expect(remote).toEqual([]);
  await expect(page.getByTestId("blocked-images")).toContainText("2 remote images were blocked");

  // The reader asks for images: the message's <img> loads, and nothing else it carries.
  await page.getByRole("link", { name: "Show images" }).click();
  await expect(frame.locator(`img[src="${CORPUS_REMOTE_IMAGE}"]`)).toHaveCount(1);
  await expect.poll(() => remote).toContain(CORPUS_REMOTE_IMAGE);
  await page.waitForTimeout(1000);
  expect([...new Set(remote)]).toEqual([CORPUS_REMOTE_IMAGE]);
  expect(dialogs).toEqual([]);
  expect(consoleLines.filter((line) => /XSS|Refused to/i.test(line))).toEqual([]);
});

test("reading marks read; select, move, search and folders work in the three panes", async ({ page }) => {
  await signIn(page, GUIDE);
  const inboxLink = ownMailbox(page).getByRole("link", { name: /^Inbox/ });
  const unread = async () =>
    Number((await inboxLink.locator(".sr-only").textContent())?.match(/(\d+) unread/)?.[1] ?? 0);
  const before = await unread();
  const firstUnread = page.locator("li[data-unread='true'] a").first();
  const subject = (await firstUnread.locator("span.block").first().textContent())!;
  await firstUnread.click();
  await expect(page.getByRole("heading", { level: 3, name: subject })).toBeVisible();
  await expect.poll(unread).toBe(before - 1);

  // A folder of one's own, then two messages moved into it with the list's toolbar.
  await page.getByText("New folder").click();
  await page.getByLabel("Folder name").fill("Projects 2026");
  await page.getByRole("button", { name: "Create folder" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Folder “Projects 2026” created." })).toBeVisible();
  // Two messages other than the open one (moving the open one returns to the list).
  const rows = page.locator("#message-rows li:not(:has([aria-current]))");
  const subjects = [
    await rows.nth(0).locator("span.block").first().textContent(),
    await rows.nth(1).locator("span.block").first().textContent(),
  ];
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").check();
  await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
  const toolbar = page.getByRole("toolbar", { name: "Actions on the selected messages" });
  await toolbar.getByRole("combobox", { name: "Move to" }).selectOption({ label: "Projects 2026" });
  await toolbar.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 messages moved." })).toBeVisible();
  await ownMailbox(page)
    .getByRole("link", { name: /Projects 2026/ })
    .click();
  for (const s of subjects) await expect(page.locator("#message-rows").getByText(s!, { exact: true })).toBeVisible();

  // Search the whole mailbox from there.
  await page.getByRole("searchbox", { name: "Search mail" }).fill("facture");
  await page.getByRole("combobox", { name: "Search in" }).selectOption("mailbox");
  await page.getByRole("searchbox", { name: "Search mail" }).press("Enter");
  await expect(page.getByText("Results for “facture”")).toBeVisible();
  await expect(page.locator("#message-rows li").first()).toContainText(/Facture/);
  // Fewer than a page: the count is every row shown.
  const shown = await page.locator("#message-rows li").count();
  await expect(page.getByTestId("search-count")).toHaveText(shown === 1 ? "1 result" : `${shown} results`);
});

test.describe("before JavaScript loads", () => {
  test.use({ javaScriptEnabled: false });

  test("reading and managing mail work as plain forms", async ({ page }) => {
    await signIn(page, GUIDE);
    const rows = page.locator("#message-rows li");
    const subject = (await rows.nth(3).locator("span.block").first().textContent())!;
    await rows.nth(3).getByRole("checkbox").check();
    await page
      .getByRole("toolbar", { name: "Actions on the selected messages" })
      .getByRole("button", { name: "Delete" })
      .click();
    await page.waitForLoadState("load");
    await expect(page.locator("#message-rows").getByText(subject, { exact: true })).toHaveCount(0);
    await ownMailbox(page)
      .getByRole("link", { name: /Deleted Items/ })
      .click();
    await expect(page.locator("#message-rows").getByText(subject, { exact: true })).toBeVisible();
  });
});

test("a mailbox the user may not open is not found", async ({ page }) => {
  await signIn(page, "configuration@example.org");
  const response = await page.goto(`/mail/${encodeURIComponent(GUIDE)}/inbox`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  // The shared mailbox it has Full Access to opens.
  const shared = await page.goto("/mail/support%40example.org/inbox");
  expect(shared?.status()).toBe(200);
});
