import { expect, test } from "@playwright/test";
import { ComposePage } from "./support/compose-page";
import { messageLink, signedIn } from "./support/mail-session";

/**
 * Keyboard as in Outlook on the web (issue 16 item 6): from the list to a sent reply without the
 * mouse — k to the message, Enter opens it (focus stays in the list), R replies, typing goes in the
 * message, Ctrl+Enter sends; Delete in the list deletes and leaves the focus on the next row.
 */
const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";

test("from the list to a sent reply with the keyboard alone", async ({ browser }) => {
  test.setTimeout(120_000);
  const subject = `Au clavier ${Date.now()}`;
  const camille = await signedIn(browser, CONFIGURATION);
  await new ComposePage(camille).send({ to: GUIDE, subject, body: "Tu peux répondre sans souris ?" });

  const guide = await signedIn(browser, GUIDE);
  await guide.goto(`/mail/${encodeURIComponent(GUIDE)}/inbox`);
  const rows = guide.locator("#message-rows li");
  await expect(rows.first()).toContainText(subject);
  // The newest message is the first row: k from the second one, Enter to open.
  await rows.nth(1).getByRole("link").focus();
  await guide.keyboard.press("k");
  await expect(messageLink(guide, subject)).toBeFocused();
  await guide.keyboard.press("Enter");
  await expect(guide.getByRole("heading", { level: 3, name: subject })).toBeVisible();
  await expect(messageLink(guide, subject)).toBeFocused();

  await guide.keyboard.press("r");
  await expect(guide.getByRole("heading", { level: 1 })).toHaveText("Reply");
  const reply = new ComposePage(guide);
  await reply.ready();
  await expect(reply.body()).toBeFocused();
  await guide.keyboard.type("Oui, au clavier.");
  await guide.keyboard.press("Control+Enter");
  await reply.expectSent();

  // Delete from the list: the message goes, and the focus stays in the list, on the next row.
  await guide.goto(`/mail/${encodeURIComponent(GUIDE)}/inbox`);
  await messageLink(guide, subject).focus();
  const next = (await rows.nth(1).locator(".mrow-subject").textContent())!;
  await guide.keyboard.press("Delete");
  await expect(messageLink(guide, subject)).toHaveCount(0);
  await expect(guide.locator("#message-rows li").first().getByRole("link")).toBeFocused();
  await expect(guide.locator("#message-rows li").first()).toContainText(next);
});
