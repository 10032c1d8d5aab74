import { expect, test } from "@playwright/test";
import { ComposePage } from "./support/compose-page";
import { messageLink, ownMailbox, signedIn } from "./support/mail-session";

/**
 * Pointer as in Outlook on the web (issue 16 item 6): a message of the shared mailbox support@ dragged
 * onto support@'s Archive in the folder pane moves there; Undo puts it back; its right-click menu
 * flags it; dropped onto one of the delegate's own folders, it is filed in their mailbox (Undo brings
 * it back to support@ first).
 */
const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";
const SUPPORT = "support@example.org";

test("drag a shared mailbox's message onto its Archive, then undo", async ({ browser }) => {
  test.setTimeout(120_000);
  const subject = `À archiver ${Date.now()}`;
  const camille = await signedIn(browser, CONFIGURATION);
  await new ComposePage(camille).send({ to: SUPPORT, subject, body: "Glisser-déposer." });

  const guide = await signedIn(browser, GUIDE);
  await guide.goto(`/mail/${encodeURIComponent(SUPPORT)}/inbox`);
  const row = guide.locator("#message-rows li").filter({ hasText: subject });
  const archive = guide.getByRole("region", { name: "Support Example" }).getByRole("link", { name: /^Archive/ });
  await row.dragTo(archive);
  await expect(guide.getByRole("status").filter({ hasText: "Moved." })).toBeVisible();
  await expect(messageLink(guide, subject)).toHaveCount(0);

  await guide.getByRole("button", { name: "Undo" }).click();
  await expect(guide.getByRole("status").filter({ hasText: "Put back." })).toBeVisible();
  await expect(messageLink(guide, subject)).toBeVisible();

  await messageLink(guide, subject).click({ button: "right" });
  const menu = guide.getByRole("menu", { name: "Message menu" });
  await expect(menu.getByRole("menuitem", { name: "Reply", exact: true })).toBeVisible();
  await menu.getByRole("menuitem", { name: "Flag", exact: true }).click();
  await expect(guide.getByRole("status").filter({ hasText: "Flagged." })).toBeVisible();
  await expect(row.getByText("Flagged").first()).toBeAttached();

  await row.dragTo(archive);
  await expect(messageLink(guide, subject)).toHaveCount(0);
  await archive.click();
  await expect(messageLink(guide, subject)).toBeVisible();
});

test("drag a shared mailbox's message onto one's own Archive: it is filed there, Undo brings it back", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const subject = `À classer chez moi ${Date.now()}`;
  const camille = await signedIn(browser, CONFIGURATION);
  await new ComposePage(camille).send({ to: SUPPORT, subject, body: "Pour mon dossier." });

  const guide = await signedIn(browser, GUIDE);
  await guide.goto(`/mail/${encodeURIComponent(SUPPORT)}/inbox`);
  const row = guide.locator("#message-rows li").filter({ hasText: subject });
  const ownArchive = ownMailbox(guide).getByRole("link", { name: /^Archive/ });
  await row.dragTo(ownArchive);
  await expect(guide.getByRole("status").filter({ hasText: "Moved." })).toBeVisible();
  await expect(messageLink(guide, subject)).toHaveCount(0);
  await guide.getByRole("button", { name: "Undo" }).click();
  await expect(guide.getByRole("status").filter({ hasText: "Put back." })).toBeVisible();
  await expect(messageLink(guide, subject)).toBeVisible();

  await row.dragTo(ownArchive);
  await expect(messageLink(guide, subject)).toHaveCount(0);
  await ownArchive.click();
  await expect(messageLink(guide, subject)).toBeVisible();
});
