import { expect, test, type Locator } from "@playwright/test";
import { ComposePage } from "./support/compose-page";
import { messageLink, ownMailbox, signedIn } from "./support/mail-session";

/**
 * New mail without reloading (issue 16.2): configuration@ sends to guide@, whose Inbox is open on
 * a message; the new row, the Inbox's unread count and the tab's title change within 2 seconds,
 * with the same list (DOM and scroll) and the message still open. Mail to the shared mailbox
 * guide@ has Full Access to changes its count in the folder pane too.
 */
const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";
const SUPPORT = "support@example.org";
const INBOX = `/mail/${encodeURIComponent(GUIDE)}/inbox`;

// A folder with no unread mail shows no count at all.
const unreadOf = async (link: Locator) => {
  const count = link.locator(".sr-only");
  return (await count.count()) === 0 ? 0 : Number((await count.textContent())?.match(/(\d+) unread/)?.[1] ?? 0);
};

test("mail delivered to the open folder appears with its counts and title, without reload", async ({ browser }) => {
  test.setTimeout(180_000); // two sign-ins and two sends on a loaded machine; the 2-second waits are below
  const guide = await signedIn(browser, GUIDE);
  const stream = guide.waitForResponse((r) => r.url().endsWith("/api/mail/events") && r.status() === 200);
  await guide.goto(INBOX);
  const rows = guide.locator("#message-rows li");
  const selected = (await rows.nth(2).locator(".mrow-subject").textContent())!;
  const selectedRow = guide.locator(`#message-rows li[data-row="${await rows.nth(2).getAttribute("data-row")}"]`);
  await rows.nth(2).getByRole("link").click();
  await expect(guide.getByRole("heading", { level: 3, name: selected })).toBeVisible();
  await guide.locator("#message-rows").evaluate((list) => {
    (window as unknown as { keptList: Element }).keptList = list;
    list.scrollTop = 120;
  });
  const scrolled = await guide.locator("#message-rows").evaluate((list) => list.scrollTop);
  expect(scrolled).toBeGreaterThan(0);

  const inboxLink = ownMailbox(guide).getByRole("link", { name: /^Inbox/ });
  const supportInbox = guide.getByRole("region", { name: "Support Example" }).getByRole("link", { name: /^Inbox/ });
  const before = await unreadOf(inboxLink);
  const supportBefore = await unreadOf(supportInbox);
  // The stream is open before the mail is sent.
  await stream;

  const configuration = await signedIn(browser, CONFIGURATION);
  const write = new ComposePage(configuration);
  const subject = `Arrivé en direct ${Date.now()}`;
  await write.send({ to: GUIDE, subject, body: "Sans recharger la page." });
  await write.expectSent();

  await expect(messageLink(guide, subject)).toBeVisible({ timeout: 2000 });
  await expect.poll(() => unreadOf(inboxLink), { timeout: 2000 }).toBe(before + 1);
  await expect(guide).toHaveTitle(`(${before + 1}) Inbox – ${GUIDE}`, { timeout: 2000 });
  await expect(rows.filter({ hasText: subject })).toHaveAttribute("data-unread", "true");

  // The same list, not scrolled back to the top, and the message still open and selected.
  expect(await guide.evaluate(() => (window as unknown as { keptList: Element }).keptList.isConnected)).toBe(true);
  expect(await guide.locator("#message-rows").evaluate((list) => list.scrollTop)).toBeGreaterThanOrEqual(scrolled);
  await expect(guide.getByRole("heading", { level: 3, name: selected })).toBeVisible();
  await expect(selectedRow.getByRole("link")).toHaveAttribute("aria-current", "true");

  // Mail to the shared mailbox: its count in guide@'s folder pane, not guide@'s list.
  const toSupport = `Pour le support ${Date.now()}`;
  await write.send({ to: SUPPORT, subject: toSupport, body: "Une demande." });
  await write.expectSent();
  await expect.poll(() => unreadOf(supportInbox), { timeout: 2000 }).toBe(supportBefore + 1);
  await expect(messageLink(guide, toSupport)).toHaveCount(0);
  await expect(guide).toHaveTitle(`(${before + 1}) Inbox – ${GUIDE}`);
});
