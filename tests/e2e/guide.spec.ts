import { expect, test } from "@playwright/test";
import { ADMIN, CONFIGURATION, GUIDE, SUPPORT, pageAs, shot } from "./support/accounts";
import { AdminPage } from "./support/admin-page";
import { ComposePage } from "./support/compose-page";
import { MailPage } from "./support/mail-page";

/**
 * The hosting provider's guide (docs: shared/reference/shared-account-guide.fr.md), replayed in
 * Chromium. Each step saves a screenshot under docs/screenshots/ for the README.
 */

test("guide@ finds the automapped shared mailbox, removes it and adds it back with right-click", async ({
  browser,
}) => {
  const page = await pageAs(browser, GUIDE);
  const mail = new MailPage(page);
  // Earlier sessions of the shared demo server may have opened it already: count this session's one.
  const opened = () => page.getByRole("row").filter({ hasText: GUIDE }).filter({ hasText: "Opened the mailbox" });
  await page.goto(`/mail/${encodeURIComponent(SUPPORT.address)}/audit`);
  const openedBefore = await opened().count();
  await mail.goto(GUIDE);

  // Full Access with automap: Support is in guide's tree with no action (R8).
  await expect(mail.sharedMailbox(SUPPORT.name)).toBeVisible();
  await expect(mail.folderLink(SUPPORT.name, /^Inbox/)).toBeVisible();
  await shot(page, "01-guide-automapped-support");

  // Remove shared folder: it leaves the tree, the delegation stays (the URL still opens).
  await mail.removeSharedFolder(SUPPORT.name);
  await expect(mail.sharedMailbox(SUPPORT.name)).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "was removed from your folders" })).toBeVisible();
  await shot(page, "02-guide-removed-support");

  // The guide's steps: right-click on one's own mailbox → Add shared folder → name → Add (R7).
  await mail.openOwnMailboxMenu();
  await shot(page, "03-guide-right-click-own-mailbox");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await mail.openAddSharedFolderByContextMenu();
  await mail.typeInDialog("Support Example");
  await shot(page, "04-guide-add-shared-folder-dialog");
  await mail.addDialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(mail.addDialog).toBeHidden();
  await expect(
    page.getByRole("status").filter({ hasText: "Support Example was added to your folders." }),
  ).toBeVisible();
  await expect(mail.sharedMailbox(SUPPORT.name)).toBeVisible();

  // Its Inbox opens, with its unread count beside it.
  await mail.folderLink(SUPPORT.name, /^Inbox/).click();
  await expect(page).toHaveURL(/\/mail\/support%40example\.org\/inbox$/);
  await expect(mail.messageList().getByRole("listitem").first()).toBeVisible();
  await shot(page, "05-guide-support-inbox");

  // Opening it was audited once for this session (R13); delegates can read the trail.
  await page.goto(`/mail/${encodeURIComponent(SUPPORT.address)}/audit`);
  await expect(page.getByRole("heading", { name: `Activity of ${SUPPORT.name}` })).toBeVisible();
  await expect(opened()).toHaveCount(openedBefore + 1);
  await shot(page, "06-guide-support-activity");
  await page.context().close();
});

test(
  "with no JavaScript, guide@ adds a shared folder by address (an unknown one gets the no-access answer) and " +
    "removes it",
  async ({ browser }) => {
    const page = await pageAs(browser, GUIDE, { javaScriptEnabled: false });
    await page.goto("/mail/shared/add");
    const field = page.getByLabel("Name or address");
    await field.fill("nobody@example.org");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByText("Not found, or you do not have access.")).toBeVisible();
    await expect(page.getByLabel("Name or address")).toHaveAttribute("aria-invalid", "true");
    // configuration@ is a user mailbox guide has no right to: the very same answer
    await page.getByLabel("Name or address").fill(CONFIGURATION);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByText("Not found, or you do not have access.")).toBeVisible();
    await page.getByLabel("Name or address").fill(SUPPORT.address);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByText("Support Example was added to your folders.")).toBeVisible();

    // Remove shared folder is a plain form too.
    const mail = new MailPage(page);
    await mail.goto(GUIDE);
    await expect(mail.sharedMailbox(SUPPORT.name)).toBeVisible();
    await mail.removeSharedFolder(SUPPORT.name);
    await expect(page.getByText("Support Example was removed from your folders.")).toBeVisible();
    await expect(mail.sharedMailbox(SUPPORT.name)).toHaveCount(0);

    // Put it back: the other specs on this demo server expect Support in guide@'s tree.
    await page.goto("/mail/shared/add");
    await page.getByLabel("Name or address").fill(SUPPORT.address);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByText("Support Example was added to your folders.")).toBeVisible();
    await page.context().close();
  },
);

test("search all my mailboxes labels each result with its mailbox", async ({ browser }) => {
  const page = await pageAs(browser, GUIDE);
  const mail = new MailPage(page);
  await mail.searchAll("facture");
  const results = page.getByTestId("search-results");
  await expect(results).toBeVisible();
  await expect(results.getByText(SUPPORT.name).first()).toBeVisible();
  await expect(results.getByText("Guide Dupont").first()).toBeVisible();
  const shown = await results.locator("li").count();
  await expect(page.getByTestId("search-count")).toHaveText(shown === 1 ? "1 result" : `${shown} results`);
  await shot(page, "07-guide-search-all-mailboxes");
  await page.context().close();
});

test("the guide end to end: create, delegate, add the shared folder, send to it and as it", async ({ browser }) => {
  const shared = { local: "partage", address: "partage@example.org", name: "Partage Example" };

  const admin = await pageAs(browser, ADMIN);
  const area = new AdminPage(admin);
  await area.createSharedMailbox({ local: shared.local, quotaGb: "1", displayName: shared.name });
  await shot(admin, "10-admin-create-summary");
  await area.confirm();
  await expect(admin.getByRole("row", { name: new RegExp(shared.address) })).toBeVisible();
  await shot(admin, "11-admin-shared-mailbox-created");
  await area.configureDelegations(shared.address, [
    { address: GUIDE, fullAccess: true, automap: false },
    { address: CONFIGURATION, fullAccess: true, sendAs: true },
  ]);
  await shot(admin, "12-admin-delegations-summary");
  await area.confirm();
  await shot(admin, "13-admin-delegations-applied");

  const guide = await pageAs(browser, GUIDE);
  const mail = new MailPage(guide);
  await expect(mail.sharedMailbox(shared.name)).toHaveCount(0);
  await mail.openAddSharedFolderByContextMenu();
  await mail.addInDialog(shared.name);
  await expect(mail.sharedMailbox(shared.name)).toBeVisible();
  await shot(guide, "14-guide-added-partage");

  const configuration = await pageAs(browser, CONFIGURATION);
  const compose = new ComposePage(configuration);
  await compose.send({ to: shared.address, subject: "Question for Partage", body: "Hello, shared mailbox." });
  await compose.send({ from: shared.address, to: GUIDE, subject: "Answer from Partage", body: "Sent as Partage." });
  await shot(configuration, "15-configuration-sent-as-partage");

  await mail.goto(shared.address);
  await expect(mail.messageList().getByText("Question for Partage")).toBeVisible();
  await shot(guide, "16-guide-partage-inbox");
  await mail.goto(GUIDE);
  const answer = mail.messageList().getByRole("listitem").filter({ hasText: "Answer from Partage" });
  await expect(answer).toContainText(shared.name);
  await answer.getByRole("link").first().click();
  await expect(guide.getByRole("heading", { level: 3, name: "Answer from Partage" })).toBeVisible();
  const reading = guide.getByRole("article", { name: "Answer from Partage" });
  await expect(reading).toContainText(shared.address);
  await expect(guide.getByText(/on behalf of/i)).toHaveCount(0);
  await shot(guide, "17-guide-answer-from-partage");
});
