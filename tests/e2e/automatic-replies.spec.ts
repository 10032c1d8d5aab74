import { expect, test } from "@playwright/test";
import { CONFIGURATION, GUIDE, SUPPORT, pageAs } from "./support/accounts";
import { ComposePage } from "./support/compose-page";
import { messageLink } from "./support/mail-session";

test("a Full Access delegate sets the shared mailbox's automatic reply; a sender gets one reply, not two", async ({
  browser,
}) => {
  // The guide has Full Access (no Send As) on the shared mailbox.
  const guide = await pageAs(browser, GUIDE);
  await guide.getByRole("link", { name: "Automatic replies and rules" }).click();
  await guide.getByRole("link", { name: new RegExp(SUPPORT.address) }).click();
  await expect(guide.getByRole("heading", { level: 1 })).toContainText(SUPPORT.name);
  await guide.getByRole("checkbox", { name: "Send automatic replies" }).check();
  await guide
    .getByRole("textbox", { name: "Reply to people in my organisation" })
    .fill("Support is closed today; we answer tomorrow.");
  await guide.getByRole("button", { name: "Save automatic replies" }).click();
  await expect(guide.getByRole("status").filter({ hasText: "Automatic replies saved." })).toBeVisible();
  await expect(guide.getByText("Automatic replies are on.")).toBeVisible();

  // A colleague writes to the shared mailbox twice.
  const colleague = await pageAs(browser, CONFIGURATION);
  const compose = new ComposePage(colleague);
  await compose.send({ to: SUPPORT.address, subject: "Printer broken", body: "The printer is broken." });
  const inbox = `/mail/${encodeURIComponent(CONFIGURATION)}/inbox`;
  const replies = () => messageLink(colleague, "Re: Printer broken");
  await expect
    .poll(
      async () => {
        await colleague.goto(inbox);
        return replies().count();
      },
      { timeout: 20_000 },
    )
    .toBe(1);
  await replies().first().click();
  // The body (the text is also the reply's line in the list and in the conversation above it).
  await expect(colleague.getByText("Support is closed today; we answer tomorrow.").last()).toBeVisible();

  await compose.send({ to: SUPPORT.address, subject: "Printer broken", body: "Still broken." });
  // The worker polls every second: give it several rounds, then count again.
  await colleague.waitForTimeout(4000);
  await colleague.goto(inbox);
  await expect(replies()).toHaveCount(1);
  // The shared mailbox got both messages: one conversation of two.
  await guide.goto(`/mail/${encodeURIComponent(SUPPORT.address)}/inbox`);
  await expect(messageLink(guide, "Printer broken")).toHaveCount(1);
  await expect(messageLink(guide, "Printer broken")).toContainText("2 messages");
});
