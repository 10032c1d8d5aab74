import { expect, type Page } from "@playwright/test";

/**
 * The admin area as the guide describes it (issue 3; built on the admin branch). These are the
 * URLs and accessible names this test expects; adjust them here, in one place, if the admin UI
 * names them otherwise.
 */
export class AdminPage {
  constructor(readonly page: Page) {}

  /** Create a shared mailbox: form → Next → summary → Confirm (R1). */
  async createSharedMailbox(input: { local: string; quotaGb: string; displayName: string; hidden?: boolean }) {
    await this.page.goto("/admin");
    await this.page.getByRole("link", { name: /add a shared mailbox/i }).click();
    await this.page.getByLabel(/email account|local part/i).fill(input.local);
    await this.page.getByLabel(/quota/i).fill(input.quotaGb);
    await this.page.getByLabel(/display name/i).fill(input.displayName);
    if (input.hidden) await this.page.getByLabel(/hide from address book/i).check();
    await this.page.getByRole("button", { name: "Next" }).click();
    await expect(this.page.getByText(input.displayName)).toBeVisible();
  }

  async confirm() {
    await this.page.getByRole("button", { name: "Confirm" }).click();
  }

  /** Configure delegations: one row per user mailbox with three checkboxes and automap (R3). */
  async configureDelegations(
    mailboxAddress: string,
    grants: { address: string; fullAccess?: boolean; sendAs?: boolean; sendOnBehalf?: boolean; automap?: boolean }[],
  ) {
    await this.page.goto("/admin");
    await this.page
      .getByRole("row", { name: new RegExp(mailboxAddress) })
      .getByRole("link", { name: /configure delegations/i })
      .click();
    for (const grant of grants) {
      const row = this.page.getByRole("row", { name: new RegExp(grant.address) });
      const set = async (name: RegExp, value: boolean | undefined) => {
        if (value !== undefined) await row.getByRole("checkbox", { name }).setChecked(value);
      };
      await set(/full access/i, grant.fullAccess);
      await set(/send as/i, grant.sendAs);
      await set(/send on behalf/i, grant.sendOnBehalf);
      await set(/automap/i, grant.automap);
    }
    await this.page.getByRole("button", { name: "Next" }).click();
  }
}
