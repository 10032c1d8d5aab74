import { render, screen, within } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../messages";
import { FolderLinks, type FolderLinkRow } from "../../components/mail/FolderLinks";

const rows: FolderLinkRow[] = [
  ["i", 0, "inbox", "Inbox", 3],
  ["c", 1, "c", "Clients", 1],
  ["a", 2, "a", "Acme", 0],
  ["p", 1, "p", "Projects", 0],
  ["s", 0, "sent", "Sent Items", 0],
];

describe("FolderLinks", () => {
  it("nests the folders as the tree, links each with its unread count, marks the open one", () => {
    render(
      <NextIntlClientProvider locale="fr" messages={messagesFor("fr")}>
        <FolderLinks rows={rows} address="support@example.org" currentId="c" at={0} />
      </NextIntlClientProvider>,
    );
    const inbox = screen.getByRole("link", { name: /^Inbox/ });
    expect(inbox).toHaveAttribute("href", "/mail/support%40example.org/inbox");
    expect(inbox).toHaveTextContent("3");
    expect(inbox).toHaveAttribute("data-drop-folder-id", "i");
    expect(screen.getByRole("link", { name: /^Clients/ })).toHaveAttribute("aria-current", "page");
    // Acme is inside Clients, itself inside Inbox; Sent Items at the top again.
    const underInbox = inbox.closest("li")!;
    const clients = within(underInbox)
      .getByRole("link", { name: /^Clients/ })
      .closest("li")!;
    expect(within(clients).getByRole("link", { name: "Acme" })).toBeInTheDocument();
    expect(within(underInbox).getByRole("link", { name: "Projects" })).toBeInTheDocument();
    expect(within(underInbox).queryByRole("link", { name: "Sent Items" })).toBeNull();
    expect(screen.getAllByRole("list")).toHaveLength(3);
  });
});
