import { expect, test } from "@playwright/test";
import { ComposePage } from "./support/compose-page";
import { messageLink, signedIn } from "./support/mail-session";

/**
 * Undo after a delete or a move made from the reading pane (issue 16 item 6): the reading pane
 * closes, the list beside it says what was done and offers Undo, which puts the message back.
 */
const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";

test("delete and move from the reading pane, then undo each from the list", async ({ browser }) => {
  test.setTimeout(120_000);
  const subject = `Lu puis supprimé ${Date.now()}`;
  const camille = await signedIn(browser, CONFIGURATION);
  await new ComposePage(camille).send({ to: GUIDE, subject, body: "À supprimer depuis le volet de lecture." });

  const guide = await signedIn(browser, GUIDE);
  await guide.goto("/mail/guide%40example.org/inbox");
  const pane = guide.getByRole("region", { name: "Reading pane" });
  const status = guide.getByRole("status").filter({ hasText: /./ });

  await messageLink(guide, subject).click();
  await guide.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
  await pane.getByRole("button", { name: "Delete", exact: true }).click();
  await guide.waitForURL(/\/inbox$/);
  await expect(status.filter({ hasText: "One message moved to Deleted Items." })).toBeVisible();
  await expect(messageLink(guide, subject)).toHaveCount(0);
  await guide.getByRole("button", { name: "Undo" }).click();
  await expect(status.filter({ hasText: "Put back." })).toBeVisible();
  await expect(messageLink(guide, subject)).toBeVisible();

  await messageLink(guide, subject).click();
  await guide.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
  await pane.getByRole("combobox", { name: "Move to" }).selectOption({ label: "Archive" });
  await pane.getByRole("button", { name: "Move", exact: true }).click();
  await guide.waitForURL(/\/inbox$/);
  await expect(status.filter({ hasText: "Moved." })).toBeVisible();
  await guide.getByRole("button", { name: "Undo" }).click();
  await expect(status.filter({ hasText: "Put back." })).toBeVisible();
  await expect(messageLink(guide, subject)).toBeVisible();
});
