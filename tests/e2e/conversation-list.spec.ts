import { expect, test, type Page } from "@playwright/test";
import { shot } from "./support/accounts";
import { ComposePage } from "./support/compose-page";
import { messageLink, signedIn } from "./support/mail-session";

/**
 * Conversations in the list (issue 16 item 1): two messages of one conversation are one row saying
 * "2 messages"; opening it shows the conversation in the reading pane, whose older message opens
 * beside the same list; "Show as messages" lists them apart (the person's own setting); deleting
 * the conversation's row deletes both.
 */
const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";

const toggle = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

test("a conversation is one row, opens with its messages, and is deleted whole", async ({ browser }) => {
  test.setTimeout(120_000);
  const subject = `Suivi du dossier ${Date.now()}`;
  const guide = await signedIn(browser, GUIDE);
  const compose = new ComposePage(guide);
  await compose.send({ to: CONFIGURATION, subject, body: "Premier message." });
  await compose.send({ to: CONFIGURATION, subject: `RE: ${subject}`, body: "Second message, la suite." });

  const camille = await signedIn(browser, CONFIGURATION);
  await camille.goto(`/mail/${encodeURIComponent(CONFIGURATION)}/inbox`);
  const row = messageLink(camille, subject);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("2 messages");
  await expect(row).toContainText(`RE: ${subject}`);

  await row.click();
  const conversation = camille.getByTestId("conversation");
  await expect(conversation).toContainText("This conversation · 2 messages");
  await expect(camille.locator("#message-subject")).toHaveText(`RE: ${subject}`);
  const current = conversation.locator(`a[aria-current="true"]`);
  await expect(current).toContainText("Second message, la suite.");
  await conversation.getByRole("link").filter({ hasText: "Premier message." }).click();
  await expect(camille.locator("#message-subject")).toHaveText(subject);
  await expect(current).toContainText("Premier message.");
  await shot(camille, "20-configuration-conversation");
  await expect(row).toHaveCount(1); // the list stayed
  await expect(row).toHaveAttribute("aria-current", "true"); // its row shows open

  await toggle(camille, "Show as messages").click();
  try {
    await expect(toggle(camille, "Show as conversations")).toBeVisible();
    await expect(messageLink(camille, subject)).toHaveCount(2);
  } finally {
    await toggle(camille, "Show as conversations").click();
  }
  await expect(row).toHaveCount(1);
  // Sorted by sender, the conversation is still one row, and the order is in the URL.
  const sortBy = camille.getByRole("navigation", { name: "Sort by" });
  await sortBy.getByRole("link", { name: "Sender A–Z" }).click();
  await expect(camille).toHaveURL(/sort=from/);
  await expect(sortBy.getByRole("link", { name: "Sender A–Z" })).toHaveAttribute("aria-current", "page");
  await expect(row).toHaveCount(1);
  await camille.locator("#message-rows li").filter({ hasText: subject }).getByRole("checkbox").check();
  const toolbar = camille.getByRole("toolbar", { name: "Actions on the selected messages" });
  await toolbar.getByRole("button", { name: "Delete", exact: true }).click();
  // The open message went with it: back to the list, where the conversation is no more.
  await expect(camille).toHaveURL(/\/inbox\?sort=from$/);
  await expect(messageLink(camille, subject)).toHaveCount(0);
  await camille
    .getByRole("link", { name: /^Deleted Items/ })
    .first()
    .click();
  await expect(messageLink(camille, subject)).toContainText("2 messages");
});
