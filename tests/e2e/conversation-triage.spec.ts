import { expect, test, type Page } from "@playwright/test";
import { shot } from "./support/accounts";
import { ComposePage } from "./support/compose-page";
import { messageIdInList, messageLink, signedIn } from "./support/mail-session";

/**
 * Assign and resolve (issue 18 item 2), two delegates of support@ side by side: Guide assigns a
 * customer's message to Camille, who finds it under "Mine", marks it done; it leaves "Open" and is
 * under "Done". Screenshots of both sides go to docs/screenshots for the README.
 */
const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";
const SUPPORT = "support@example.org";
const SUPPORT_INBOX = `/mail/${encodeURIComponent(SUPPORT)}/inbox`;

const filter = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name, exact: true });

test("one delegate assigns a conversation to the other, who finds it under Mine and closes it", async ({ browser }) => {
  test.setTimeout(180_000);
  const subject = `Facture en double ${Date.now()}`;
  const camille = await signedIn(browser, CONFIGURATION);
  await new ComposePage(camille).send({ to: SUPPORT, subject, body: "Bonjour, j'ai reçu deux factures." });

  const guide = await signedIn(browser, GUIDE);
  const id = await messageIdInList(guide, SUPPORT, "inbox", subject);
  await messageLink(guide, subject).click();
  await guide.waitForURL(new RegExp(`/inbox/${id}$`));
  const panel = guide.getByRole("region", { name: "Conversation" });
  await expect(panel.getByTestId("triage-state")).toHaveText("Open · not assigned");
  await panel.getByRole("combobox", { name: "Assign to" }).selectOption({ label: "Camille Configuration" });
  await panel.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(panel.getByRole("status")).toHaveText("Open · assigned to Camille Configuration.");
  await expect(panel.getByTestId("triage-state")).toHaveText("Open · assigned to Camille Configuration");
  await expect(messageLink(guide, subject)).toContainText("→ Camille Configuration");
  await shot(guide, "18-guide-assigns-conversation");

  await camille.goto(SUPPORT_INBOX);
  await filter(camille, "Mine").click();
  await expect(filter(camille, "Mine")).toHaveAttribute("aria-current", "page");
  await expect(messageLink(camille, subject)).toBeVisible();
  await messageLink(camille, subject).click();
  const mine = camille.getByRole("region", { name: "Conversation" });
  await mine.getByRole("button", { name: "Mark as done" }).click();
  await expect(mine.getByTestId("triage-state")).toHaveText("Done · assigned to Camille Configuration");
  await expect(messageLink(camille, subject)).toContainText("Done → Camille Configuration");
  await shot(camille, "19-configuration-mine-done");

  await filter(camille, "Open").click();
  await expect(filter(camille, "Open")).toHaveAttribute("aria-current", "page");
  await expect(messageLink(camille, subject)).toHaveCount(0);
  await filter(camille, "Done").click();
  await expect(messageLink(camille, subject)).toBeVisible();
});
