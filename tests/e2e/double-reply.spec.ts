import { expect, test, type Page } from "@playwright/test";
import { ComposePage } from "./support/compose-page";
import { messageIdInList, messageLink, signedIn } from "./support/mail-session";

/**
 * No double replies (issue 18 item 3), with two delegates of support@ side by side: Camille opens the
 * reply form on a customer's message and Guide, reading it, sees "Camille Configuration is replying"
 * within seconds; Guide starts a reply too and sees it there as well; Camille sends; Guide's send is
 * held with who replied and when, and goes on "Send anyway".
 */
const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";
const SUPPORT = "support@example.org";

async function openInSupport(page: Page, subject: string) {
  const id = await messageIdInList(page, SUPPORT, "inbox", subject);
  await messageLink(page, subject).click();
  await page.waitForURL(new RegExp(`/inbox/${id}$`));
  await expect(page.getByRole("heading", { level: 3, name: subject })).toBeVisible();
}

test("two delegates: one starts a reply, the other sees it and is warned before replying twice", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const subject = `Commande 12 en retard ${Date.now()}`;
  const camille = await signedIn(browser, CONFIGURATION);
  await new ComposePage(camille).send({ to: SUPPORT, subject, body: "Bonjour, ma commande n'est pas arrivée." });

  const guide = await signedIn(browser, GUIDE);
  const stream = guide.waitForResponse((r) => r.url().endsWith("/api/mail/events") && r.status() === 200);
  await openInSupport(guide, subject);
  await stream;
  const notice = guide.getByText("Camille Configuration is replying to this conversation…");
  await expect(notice).toHaveCount(0);

  await openInSupport(camille, subject);
  await camille.getByRole("link", { name: "Reply", exact: true }).first().click();
  await expect(camille.getByRole("heading", { level: 1 })).toHaveText("Reply");
  const camilleReply = new ComposePage(camille);
  await camilleReply.ready();
  await expect(notice).toBeVisible({ timeout: 5000 });

  await guide.getByRole("link", { name: "Reply", exact: true }).first().click();
  await expect(guide.getByRole("heading", { level: 1 })).toHaveText("Reply");
  const guideReply = new ComposePage(guide);
  await guideReply.ready();
  await expect(notice).toBeVisible();
  await guideReply.writeAbove("Nous regardons, Guide");

  await camilleReply.writeAbove("Votre colis part demain. Camille");
  await camille.getByRole("button", { name: "Send", exact: true }).click();
  await camilleReply.expectSent();
  await expect(notice).toHaveCount(0, { timeout: 5000 });

  await guide.getByRole("button", { name: "Send", exact: true }).click();
  await expect(guide.getByTestId("compose-error")).toHaveText(
    "Camille Configuration replied in this conversation less than a minute ago, " +
      "after you started this reply. Send yours anyway?",
  );
  await guide.getByRole("button", { name: "Send anyway" }).click();
  await guideReply.expectSent();
});
