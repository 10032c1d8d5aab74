import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The webmail's folder pane as a user sees it: the own mailbox at the top (right-click menu and
 * the visible "Add shared folder" link), then one region per shared mailbox in the tree.
 */
export class MailPage {
  readonly folderPane: Locator;
  readonly ownMailbox: Locator;
  readonly addDialog: Locator;

  constructor(readonly page: Page) {
    this.folderPane = page.getByRole("navigation", { name: "Folders" });
    this.ownMailbox = page.getByTestId("own-mailbox");
    this.addDialog = page.getByRole("dialog", { name: "Add shared folder" });
  }

  async goto(address: string, folder = "inbox") {
    await this.page.goto(`/mail/${encodeURIComponent(address)}/${folder}`);
  }

  /** A shared mailbox of the tree: a region named by its display name. */
  sharedMailbox(name: string): Locator {
    return this.folderPane.getByRole("region", { name });
  }

  folderLink(mailboxName: string, folderName: string | RegExp): Locator {
    return this.sharedMailbox(mailboxName).getByRole("link", { name: folderName });
  }

  /** Right-click on the own mailbox: its context menu. */
  async openOwnMailboxMenu(): Promise<Locator> {
    await this.ownMailbox.click({ button: "right" });
    const menu = this.page.getByRole("menu");
    await expect(menu).toBeVisible();
    return menu;
  }

  /** Right-click on the own mailbox → "Add shared folder…" → the dialog. */
  async openAddSharedFolderByContextMenu() {
    const menu = await this.openOwnMailboxMenu();
    await menu.getByRole("menuitem", { name: "Add shared folder…" }).click();
    await expect(this.addDialog).toBeVisible();
  }

  /** Types a name or address in the open dialog (Add not clicked yet). */
  async typeInDialog(nameOrAddress: string) {
    await this.addDialog.getByLabel("Name or address").fill(nameOrAddress);
  }

  /** Types a name or address in the open dialog and clicks Add. */
  async addInDialog(nameOrAddress: string) {
    await this.typeInDialog(nameOrAddress);
    await this.addDialog.getByRole("button", { name: "Add", exact: true }).click();
  }

  async removeSharedFolder(name: string) {
    await this.folderPane.getByRole("button", { name: `Remove shared folder ${name}` }).click();
  }

  /** The message list of the open folder. */
  messageList(): Locator {
    return this.page.getByRole("list", { name: "Messages" });
  }

  async searchAll(q: string) {
    await this.folderPane.getByRole("searchbox", { name: "Search all my mailboxes" }).fill(q);
    await this.folderPane.getByRole("button", { name: "Search" }).click();
    await this.page.waitForURL(/\/mail\/search\?/);
  }
}
