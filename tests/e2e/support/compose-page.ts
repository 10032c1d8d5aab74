import { expect, type Page } from "@playwright/test";

/** The compose page (/mail/compose) by its accessible names. */
export class ComposePage {
  constructor(readonly page: Page) {}

  to = () => this.page.getByRole("combobox", { name: "To", exact: true });
  cc = () => this.page.getByRole("combobox", { name: "Cc", exact: true });
  subject = () => this.page.getByLabel("Subject");
  body = () => this.page.getByLabel("Message");
  from = () => this.page.getByLabel("From");

  async open(params = "") {
    await this.page.goto(`/mail/compose${params}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  /** Types into To and picks the address-book suggestion whose text matches. */
  async pickRecipient(typed: string, suggestion: RegExp) {
    await this.to().pressSequentially(typed, { delay: 30 });
    const option = this.page.getByRole("option", { name: suggestion });
    await expect(option).toBeVisible();
    await this.page.keyboard.press("Enter");
  }

  async expectSent() {
    await expect(this.page.getByTestId("sent-notice")).toContainText("Message sent");
  }

  /** Writes and sends a message; `from` is the visible text of a From option (e.g. "Send As"). */
  async send(input: { from?: string; to: string; subject: string; body: string }) {
    await this.open();
    if (input.from) {
      const value = await this.from().locator("option", { hasText: input.from }).getAttribute("value");
      await this.from().selectOption(value ?? input.from);
    }
    await this.to().fill(input.to);
    await this.subject().fill(input.subject);
    await this.body().fill(input.body);
    await this.page.getByRole("button", { name: "Send", exact: true }).click();
    await this.expectSent();
  }
}
