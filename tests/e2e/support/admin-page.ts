import { expect, type Page } from "@playwright/test";
import { DISPLAY_NAMES } from "./accounts";
import { fillSharedMailboxForm, sharedRow } from "./admin";

type Grant = { address: string; fullAccess?: boolean; sendAs?: boolean; sendOnBehalf?: boolean; automap?: boolean };

const COLUMN = {
  fullAccess: "Full Access",
  sendAs: "Send As",
  sendOnBehalf: "Send on Behalf",
  automap: "Show in their folders",
} as const;

/** The admin area as the guide describes it: create a shared mailbox, configure its delegations. */
export class AdminPage {
  constructor(readonly page: Page) {}

  /** Create a shared mailbox: form → Next → summary (then `confirm()`), as in R1. */
  async createSharedMailbox(input: { local: string; quotaGb: string; displayName: string; hidden?: boolean }) {
    await this.page.goto("/admin");
    await this.page.getByRole("link", { name: "Add a shared mailbox" }).click();
    await fillSharedMailboxForm(this.page, {
      local: input.local,
      quota: input.quotaGb,
      displayName: input.displayName,
      hidden: input.hidden,
    });
    await expect(this.page.getByTestId("shared-summary")).toContainText(input.displayName);
  }

  async confirm() {
    await this.page.getByRole("button", { name: "Confirm" }).click();
  }

  /** Configure delegations: the grid's checkboxes per person → Next (then `confirm()`), as in R3. */
  async configureDelegations(mailboxAddress: string, grants: Grant[]) {
    await this.page.goto("/admin");
    await sharedRow(this.page, mailboxAddress).getByRole("link", { name: "Configure delegations" }).click();
    for (const grant of grants) {
      const person = DISPLAY_NAMES[grant.address] ?? grant.address;
      for (const key of Object.keys(COLUMN) as (keyof typeof COLUMN)[]) {
        const value = grant[key];
        if (value === undefined) continue;
        await this.page.getByRole("checkbox", { name: `${COLUMN[key]} for ${person}`, exact: true }).setChecked(value);
      }
    }
    await this.page.getByRole("button", { name: "Next" }).click();
    await expect(this.page.getByTestId("delegation-summary")).toBeVisible();
  }
}
