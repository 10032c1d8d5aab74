import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { messagesFor } from "../../messages";

// The actions a route would pass in as props.
const actions = vi.hoisted(() => ({
  addSharedFolderAction: vi.fn(),
  removeSharedFolderAction: vi.fn(),
  loadAddableMailboxes: vi.fn(),
}));

import { RemoveSharedFolderForm } from "../../components/mail/shared/RemoveSharedFolderForm";
import { SharedMailboxHeader } from "../../components/mail/shared/SharedMailboxHeader";

const ID = "7d0f3c36-2f0e-4a57-9d1e-3b0c1b2a0d11";

function renderTree(removable = true) {
  return render(
    <NextIntlClientProvider locale="en" messages={messagesFor("en")} timeZone="Europe/Paris">
      <RemoveSharedFolderForm action={actions.removeSharedFolderAction} />
      <SharedMailboxHeader
        headingId="h"
        mailboxId={ID}
        address="support@example.org"
        displayName="Support Example"
        removable={removable}
      />
    </NextIntlClientProvider>,
  );
}

beforeEach(() => {
  vi.clearAllMocks();
  actions.removeSharedFolderAction.mockResolvedValue({
    ok: true,
    message: "removed",
    values: { name: "Support Example" },
  });
});

describe("Remove shared folder", () => {
  it("submits the one remove form with the mailbox's id from the visible button, and announces it", async () => {
    renderTree();
    await userEvent.click(screen.getByRole("button", { name: "Remove shared folder Support Example" }));
    const sent = actions.removeSharedFolderAction.mock.calls[0]![1] as FormData;
    expect(sent.get("mailboxId")).toBe(ID);
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Support Example was removed from your folders. Your access to it is unchanged.",
    );
  });

  it("is in the mailbox's right-click menu too, beside Activity", async () => {
    renderTree();
    await userEvent.pointer({ keys: "[MouseRight]", target: screen.getByRole("heading", { name: "Support Example" }) });
    const menu = screen.getByRole("menu", { name: "Support Example: mailbox menu" });
    expect(within(menu).getByRole("menuitem", { name: "Activity" })).toHaveAttribute(
      "href",
      "/mail/support%40example.org/audit",
    );
    await userEvent.click(within(menu).getByRole("menuitem", { name: "Remove shared folder" }));
    expect((actions.removeSharedFolderAction.mock.calls[0]![1] as FormData).get("mailboxId")).toBe(ID);
  });

  it("offers no removal for a mailbox opened by URL that is not in the tree", () => {
    renderTree(false);
    expect(screen.queryByRole("button", { name: /Remove shared folder/ })).toBeNull();
    expect(screen.getByRole("link", { name: "Activity of Support Example" })).toBeInTheDocument();
  });
});
