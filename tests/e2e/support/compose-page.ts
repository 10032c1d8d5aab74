import { expect, type Page } from "@playwright/test";

/**
 * Compose (issue 4/5; built on the compose branch): /mail/compose with a From picker, To,
 * Subject and the body. The accessible names this test expects live here, in one place.
 */
export class ComposePage {
  constructor(readonly page: Page) {}

  async send(input: { from?: string; to: string; subject: string; body: string }) {
    await this.page.goto("/mail/compose");
    if (input.from) {
      const picker = this.page.getByLabel("From");
      const value = await picker.locator("option", { hasText: input.from }).getAttribute("value");
      await picker.selectOption(value ?? input.from);
    }
    await this.page.getByLabel("To", { exact: true }).fill(input.to);
    await this.page.getByLabel("Subject").fill(input.subject);
    await this.page.getByLabel(/message|body/i).fill(input.body);
    await this.page.getByRole("button", { name: "Send" }).click();
    await expect(this.page.getByRole("status").filter({ hasText: /sent/i })).toBeVisible();
  }
}
