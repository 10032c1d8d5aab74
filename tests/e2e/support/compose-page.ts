import { expect, type Page } from "@playwright/test";

/**
 * The compose page (/mail/compose) by its accessible names. `js`: whether the page runs its
 * JavaScript — then the rich editor (a contenteditable textbox named "Message") replaces the
 * textarea, and helpers wait for it before typing.
 */
export class ComposePage {
  constructor(
    readonly page: Page,
    readonly js = true,
  ) {}

  to = () => this.page.getByRole("combobox", { name: "To", exact: true });
  cc = () => this.page.getByRole("combobox", { name: "Cc", exact: true });
  subject = () => this.page.getByLabel("Subject");
  body = () => this.page.getByRole("textbox", { name: "Message", exact: true });
  toolbar = () => this.page.getByRole("toolbar", { name: "Formatting" });
  from = () => this.page.getByLabel("From");

  async open(params = "") {
    await this.page.goto(`/mail/compose${params}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
    await this.ready();
  }

  /** With JavaScript: waits until the rich editor has replaced the textarea. */
  async ready() {
    if (this.js) await expect(this.toolbar()).toBeVisible();
  }

  /** Replaces the message text (lines become paragraphs in the editor). */
  async write(text: string) {
    if (!this.js) return this.body().fill(text);
    await this.body().click();
    await this.page.keyboard.press("ControlOrMeta+a");
    await this.page.keyboard.press("Delete");
    await this.type(text);
  }

  /** Types at the caret, Enter between lines. */
  async type(text: string) {
    const lines = text.split("\n");
    for (const [i, line] of lines.entries()) {
      if (i > 0) await this.page.keyboard.press("Enter");
      if (line) await this.page.keyboard.insertText(line);
    }
  }

  /** Writes above the quote of a reply or forward (the editor starts with an empty line for it). */
  async writeAbove(text: string) {
    if (!this.js) return this.body().fill(`${text}${await this.body().inputValue()}`);
    await this.body().click();
    await this.page.keyboard.press("ControlOrMeta+Home");
    await this.type(text);
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
    await this.write(input.body);
    await this.page.getByRole("button", { name: "Send", exact: true }).click();
    await this.expectSent();
  }
}
