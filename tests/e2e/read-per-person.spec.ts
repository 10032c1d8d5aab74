import { expect, test, type Page } from "@playwright/test";
import { shot } from "./support/accounts";
import { ComposePage } from "./support/compose-page";
import { messageLink, signedIn } from "./support/mail-session";

/**
 * Read state per person (issue 18 item 1), two delegates of support@ side by side: Guide sets the
 * mailbox's read state to "Per person" on its settings page; a customer message Guide opens stays
 * unread (bold) for Camille. The setting is put back to Shared at the end, as the demo has it.
 */
const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";
const SUPPORT = "support@example.org";
const SUPPORT_INBOX = `/mail/${encodeURIComponent(SUPPORT)}/inbox`;
const SETTINGS = `/mail/settings?mailbox=${encodeURIComponent(SUPPORT)}`;

async function setReadState(page: Page, choice: "Shared" | "Per person") {
  await page.goto(SETTINGS);
  const section = page.getByRole("region", { name: "Read state" });
  await section.getByRole("radio", { name: new RegExp(`^${choice}`) }).check();
  await section.getByRole("button", { name: "Save read state" }).click();
  await expect(section.getByRole("status")).toHaveText("Read state saved.");
}

const row = (page: Page, subject: string) => page.locator("#message-rows li").filter({ hasText: subject });

test("a message one delegate opens stays unread for the other", async ({ browser }) => {
  test.setTimeout(180_000);
  const subject = `Colis introuvable ${Date.now()}`;
  const guide = await signedIn(browser, GUIDE);
  await setReadState(guide, "Per person");
  await shot(guide, "22-read-state-setting");
  try {
    const camille = await signedIn(browser, CONFIGURATION);
    await new ComposePage(camille).send({ to: SUPPORT, subject, body: "Bonjour, mon colis n'est jamais arrivé." });

    await guide.goto(SUPPORT_INBOX);
    await messageLink(guide, subject).click();
    await guide.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
    await expect(row(guide, subject)).toHaveAttribute("data-unread", "false");

    await camille.goto(SUPPORT_INBOX);
    await expect(row(camille, subject)).toHaveAttribute("data-unread", "true");
    await shot(camille, "21-read-state-per-person");
  } finally {
    await setReadState(guide, "Shared");
  }
});
