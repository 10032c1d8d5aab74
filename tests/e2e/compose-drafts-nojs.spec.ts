import { expect, test } from "@playwright/test";
import { ComposePage } from "./support/compose-page";
import { DEMO_PASSWORD, messageLink, signedIn } from "./support/mail-session";

test("a draft is saved with its attachment, reopened, saved again and sent", async ({ browser }) => {
  const subject = `Brouillon ${Date.now()}`;
  const page = await signedIn(browser, "guide@example.org");
  const compose = new ComposePage(page);
  await compose.open();
  await compose.to().fill("configuration@example.org");
  await compose.subject().fill(subject);
  await compose.write("Première version");
  await page
    .getByLabel("Add files")
    .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("à relire") });
  await page.getByRole("button", { name: "Save draft" }).click();

  await page.waitForURL(/\/mail\/compose\?draft=[0-9a-f-]{36}&saved=1/);
  await expect(page.getByTestId("draft-saved")).toHaveText("Draft saved in Drafts.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Draft");
  await compose.ready();
  await expect(compose.subject()).toHaveValue(subject);
  await expect(page.getByRole("checkbox", { name: /Keep notes\.txt/ })).toBeChecked();
  await expect(page.getByLabel("Add files")).toHaveValue("");
  const draftId = new URL(page.url()).searchParams.get("draft");

  await compose.write("Deuxième version");
  await page.getByRole("button", { name: "Save draft" }).click();
  // saved again: the same draft (its id is kept), reopened with the new text
  await expect(page.getByTestId("draft-saved")).toBeVisible();
  await compose.ready();
  await expect(compose.body()).toHaveText("Deuxième version");
  expect(new URL(page.url()).searchParams.get("draft")).toBe(draftId);

  await expect(page.getByRole("checkbox", { name: /Keep notes\.txt/ })).toBeChecked();
  const draftUrl = page.url();

  await page.goto("/mail/guide%40example.org/drafts");
  await expect(messageLink(page, subject)).toHaveCount(1);

  await page.goto(draftUrl);
  await page.getByRole("button", { name: "Send" }).click();
  await compose.expectSent();
  await page.goto("/mail/guide%40example.org/drafts");
  await expect(messageLink(page, subject)).toHaveCount(0);
});

test.describe("before JavaScript loads", () => {
  test.use({ javaScriptEnabled: false });

  test("the compose form sends as a plain form, and shows field errors with what was typed", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email address").fill("configuration@example.org");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/mail\//);

    const compose = new ComposePage(page, false);
    await compose.open("?mailbox=support%40example.org");
    // configuration@ has Send As on support@: composing inside it, From defaults to it
    await expect(compose.from()).toHaveValue("as:support@example.org");
    await compose.to().fill("guide@example.org");
    await compose.cc().fill("pas une adresse");
    await compose.subject().fill("Sans JavaScript");
    await compose.body().fill("Envoyé par un simple formulaire.");
    await page.getByRole("button", { name: "Send" }).click();

    await expect(page.getByTestId("compose-error")).toContainText("Some fields need your attention");
    await expect(compose.cc()).toHaveAccessibleDescription(/“pas une adresse” is not a valid address/);
    await expect(compose.subject()).toHaveValue("Sans JavaScript");
    await expect(compose.to()).toHaveValue("guide@example.org");

    await compose.cc().fill("");
    await page.getByRole("button", { name: "Send" }).click();
    await compose.expectSent();
    await expect(page.getByTestId("sent-notice")).toContainText("Delivered to 1 recipient.");
    await expect(page.getByTestId("sent-notice")).toContainText("configuration@example.org, support@example.org");
  });
});
