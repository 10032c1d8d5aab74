import { expect, test } from "@playwright/test";
import { ComposePage } from "./support/compose-page";
import { rawMessage } from "./support/db-snapshot";
import { messageLink, signedIn } from "./support/mail-session";

// Two signed-in browsers and a rich editor each: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

const GUIDE = "guide@example.org";
const CONFIGURATION = "configuration@example.org";
const SUPPORT = "support@example.org";

test("compose autosaves as one draft; reloading restores it; the draft opens from Drafts; sending removes it", async ({
  browser,
}) => {
  const subject = `Autosaved ${Date.now()}`;
  const page = await signedIn(browser, GUIDE);
  const compose = new ComposePage(page);
  await compose.open();
  await compose.to().fill(CONFIGURATION);
  await compose.subject().fill(subject);
  await compose.write("First line\nSecond line");

  // saved within a few seconds, with no click; the address now names the draft
  await expect(page.getByTestId("autosave-status")).toContainText("Draft saved at", { timeout: 15_000 });
  await expect(page).toHaveURL(/[?&]draft=[0-9a-f-]{36}/);
  const draftId = new URL(page.url()).searchParams.get("draft")!;

  // more typing: saved again, to the same draft (the save's answer awaited: the status may keep its minute)
  const savedAgain = page.waitForResponse(
    (r) => r.url().includes("/api/drafts") && r.request().method() === "POST" && r.ok(),
    { timeout: 15_000 },
  );
  await compose.body().click();
  await page.keyboard.press("ControlOrMeta+End");
  await compose.type(" and more");
  await savedAgain;
  await expect(page.getByTestId("autosave-status")).toContainText("Draft saved at", { timeout: 15_000 });
  expect(new URL(page.url()).searchParams.get("draft")).toBe(draftId);

  await page.reload();
  await compose.ready();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Draft");
  await expect(compose.subject()).toHaveValue(subject);
  await expect(compose.to()).toHaveValue(CONFIGURATION);
  await expect(compose.body()).toContainText("First line");
  await expect(compose.body()).toContainText("Second line and more");

  // Drafts lists it once; clicking it opens it in compose
  await page.goto(`/mail/${encodeURIComponent(GUIDE)}/drafts`);
  await expect(messageLink(page, subject)).toHaveCount(1);
  await messageLink(page, subject).click();
  await page.waitForURL(new RegExp(`/mail/compose\\?draft=${draftId}`));
  await compose.ready();
  await expect(compose.subject()).toHaveValue(subject);
  await expect(compose.body()).toContainText("Second line and more");

  await page.getByRole("button", { name: "Send", exact: true }).click();
  await compose.expectSent();
  await page.goto(`/mail/${encodeURIComponent(GUIDE)}/drafts`);
  await expect(messageLink(page, subject)).toHaveCount(0);
});

test("leaving with unsaved changes asks first; staying keeps the page, leaving keeps the text as a draft", async ({
  browser,
}) => {
  const subject = `Leaving ${Date.now()}`;
  const page = await signedIn(browser, GUIDE);
  const compose = new ComposePage(page);
  await compose.open();
  await compose.subject().fill(subject);

  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("changes that are not saved yet");
  await expect(page).toHaveURL(/\/mail\/compose/);
  await expect(compose.subject()).toHaveValue(subject);

  await compose.subject().fill(`${subject}!`);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("link", { name: "Cancel" }).click();
  await page.waitForURL(/\/inbox/);
  await expect
    .poll(
      async () => {
        await page.goto(`/mail/${encodeURIComponent(GUIDE)}/drafts`);
        return messageLink(page, `${subject}!`).count();
      },
      { timeout: 15_000 },
    )
    .toBe(1);

  // Discard draft removes it
  await messageLink(page, `${subject}!`).click();
  await compose.ready();
  await page.getByRole("button", { name: "Discard draft" }).click();
  await page.waitForURL(/\/drafts$/);
  await expect(messageLink(page, `${subject}!`)).toHaveCount(0);
});

test("bold text is sent as HTML and shown bold in the recipient's reading pane", async ({ browser }) => {
  const subject = `Bold ${Date.now()}`;
  const guide = await signedIn(browser, GUIDE);
  const compose = new ComposePage(guide);
  await compose.open();
  await compose.to().fill(CONFIGURATION);
  await compose.subject().fill(subject);
  await compose.write("Please read ");
  await guide.getByRole("button", { name: "Bold" }).click();
  await expect(guide.getByRole("button", { name: "Bold" })).toHaveAttribute("aria-pressed", "true");
  await compose.type("this part");
  await expect(compose.body().locator("strong")).toHaveText("this part");
  await guide.getByRole("button", { name: "Send", exact: true }).click();
  await compose.expectSent();

  const configuration = await signedIn(browser, CONFIGURATION);
  await configuration.goto(`/mail/${encodeURIComponent(CONFIGURATION)}/inbox`);
  await messageLink(configuration, subject).click();
  await expect(configuration.getByRole("heading", { name: subject })).toBeVisible();
  const frame = configuration.frameLocator("iframe[title^='Message body']");
  const bold = frame.locator("strong");
  await expect(bold).toHaveText("this part");
  expect(await bold.evaluate((el) => getComputedStyle(el).fontWeight)).toMatch(/^(700|bold)$/);

  const raw = await rawMessage(CONFIGURATION, "inbox", subject);
  expect(raw).toMatch(/multipart\/alternative/i);
  expect(raw).toMatch(/Please read this part/);
});

test("the signature follows From: one's own, then the shared mailbox's own when sending as it", async ({ browser }) => {
  const subject = `Signed ${Date.now()}`;
  const page = await signedIn(browser, CONFIGURATION);
  await page.goto("/mail/signatures");
  await expect(page.getByRole("heading", { level: 1, name: "Signatures" })).toBeVisible();
  const own = page.getByRole("textbox", { name: /Signature of .*configuration@example\.org/ });
  await own.fill("Camille Configuration\nIT");
  await own.locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Signature of .*configuration@example\.org.* saved\./)).toBeVisible();
  const desk = page.getByRole("textbox", { name: /Signature of .*support@example\.org/ });
  await desk.fill("The Support Desk");
  await desk.locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Signature of .*support@example\.org.* saved\./)).toBeVisible();

  const compose = new ComposePage(page);
  await compose.open();
  const preview = page.getByTestId("signature-preview");
  await expect(preview).toContainText("Camille Configuration");
  const asSupport = await compose.from().locator("option", { hasText: SUPPORT }).first().getAttribute("value");
  await compose.from().selectOption(asSupport!);
  await expect(preview).toContainText("The Support Desk");
  await expect(preview).not.toContainText("Camille Configuration");

  await compose.to().fill(GUIDE);
  await compose.subject().fill(subject);
  await compose.write("Your ticket is closed.");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await compose.expectSent();
  const raw = await rawMessage(GUIDE, "inbox", subject);
  expect(raw).toMatch(/^-- \r?\nThe Support Desk/m);
  expect(raw).toMatch(/<p>The Support Desk<\/p>/);
  expect(raw).not.toMatch(/Camille Configuration\r?\nIT/);
});
