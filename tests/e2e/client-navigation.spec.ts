import { expect, test, type Page } from "@playwright/test";
import { ownMailbox } from "./support/mail-session";
import { signIn } from "./support/sign-in";

/**
 * The mail screen costs what changed: opening a message from the list fetches the reading pane
 * alone (the list stays the same DOM, scrolled where it was); paging keeps the folder pane; and
 * paging and folder switches work with JavaScript and without.
 */
const GUIDE = "guide@example.org";
const INBOX = `/mail/${encodeURIComponent(GUIDE)}/inbox`;

const rows = (page: Page) => page.locator("#message-rows li");
const subjectOf = (page: Page, n: number) => rows(page).nth(n).locator(".mrow-subject").textContent();

/** The list's URL from its row `n` on (a keyset cursor, as the list's own "Older" link makes). */
async function pageAfterRow(page: Page, n: number): Promise<string> {
  const row = rows(page).nth(n);
  const id = await row.getAttribute("data-row");
  const at = await row.locator("time").getAttribute("datetime");
  return `${INBOX}?after=${Buffer.from(`${at}|${id}`).toString("base64url")}`;
}

test("opening a message from the list fetches the reading pane alone and keeps the list as it was", async ({
  page,
}) => {
  await signIn(page, GUIDE);
  await page.goto(INBOX);
  await page.waitForLoadState("networkidle");
  const farSubject = (await subjectOf(page, 30))!;
  await page.evaluate(() => {
    const list = document.getElementById("message-rows")!;
    (window as unknown as { keptList: Element }).keptList = list;
    list.scrollTop = 240;
  });
  const scrolled = await page.locator("#message-rows").evaluate((list) => list.scrollTop);
  expect(scrolled).toBeGreaterThan(0);

  // The RSC answers of client navigations, as the router receives them (decompressed).
  const answers: string[] = [];
  await page.route(/\/mail\//, async (route) => {
    const headers = route.request().headers();
    if (headers["rsc"] !== "1" || headers["next-router-prefetch"]) return route.continue();
    const response = await route.fetch();
    const body = await response.body();
    answers.push(body.toString("utf8"));
    await route.fulfill({ response, body });
  });

  const target = rows(page).nth(6);
  const subject = (await target.locator(".mrow-subject").textContent())!;
  await target.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 3, name: subject })).toBeVisible();
  await expect(target.getByRole("link")).toHaveAttribute("aria-current", "true");

  // One answer, carrying the message, not the list: small, and no other row's subject in it.
  expect(answers).toHaveLength(1);
  expect(Buffer.byteLength(answers[0]!)).toBeLessThan(15 * 1024);
  expect(answers[0]).toContain(subject);
  expect(answers[0]).not.toContain(farSubject);
  // The list is the same DOM, where it was scrolled to.
  expect(
    await page.evaluate(
      () => (window as unknown as { keptList: Element }).keptList === document.getElementById("message-rows"),
    ),
  ).toBe(true);
  expect(await page.locator("#message-rows").evaluate((list) => list.scrollTop)).toBe(scrolled);
});

test("paging and switching folders are client navigations that keep what did not change", async ({ page }) => {
  await signIn(page, GUIDE);
  await page.goto(INBOX);
  const newest = (await subjectOf(page, 0))!;
  await page.goto(await pageAfterRow(page, 9));
  await page.waitForLoadState("networkidle");
  await expect(rows(page).first()).not.toContainText(newest);
  await page.evaluate(() => {
    (window as unknown as { keptPane: Element }).keptPane = document.querySelector("nav[aria-labelledby]")!;
  });
  const loads: string[] = [];
  page.on("load", () => loads.push(page.url()));

  await page.getByRole("link", { name: /Newer/ }).click();
  await expect(rows(page).first().locator(".mrow-subject")).toHaveText(newest);
  await expect(page).toHaveURL(/\/inbox\?before=/);
  // Paging changed the list alone: the folder pane is the same DOM.
  expect(
    await page.evaluate(
      () => (window as unknown as { keptPane: Element }).keptPane === document.querySelector("nav[aria-labelledby]"),
    ),
  ).toBe(true);

  await ownMailbox(page)
    .getByRole("link", { name: /^Sent Items/ })
    .click();
  await expect(page).toHaveURL(`/mail/${encodeURIComponent(GUIDE)}/sent`);
  await expect(ownMailbox(page).getByRole("link", { name: /^Sent Items/ })).toHaveAttribute("aria-current", "page");
  await expect(page.locator("#message-rows").getByText(newest, { exact: true })).toHaveCount(0);
  expect(loads).toEqual([]); // no full page load
});

test.describe("before JavaScript loads", () => {
  test.use({ javaScriptEnabled: false });

  test("paging, opening a message and switching folders work as plain links", async ({ page }) => {
    await signIn(page, GUIDE);
    await page.goto(INBOX);
    const newest = (await subjectOf(page, 0))!;
    await page.goto(await pageAfterRow(page, 9));
    await expect(rows(page).first()).not.toContainText(newest);
    await page.getByRole("link", { name: /Newer/ }).click();
    await expect(rows(page).first().locator(".mrow-subject")).toHaveText(newest);

    const subject = (await subjectOf(page, 2))!;
    await rows(page).nth(2).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 3, name: subject })).toBeVisible();
    await expect(rows(page).nth(2).getByRole("link")).toHaveAttribute("aria-current", "true");

    await ownMailbox(page)
      .getByRole("link", { name: /^Sent Items/ })
      .click();
    await expect(page).toHaveURL(`/mail/${encodeURIComponent(GUIDE)}/sent`);
    await expect(page.locator("#message-rows").getByText(newest, { exact: true })).toHaveCount(0);
  });
});
