import { render, screen, within } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../messages";
import { FolderLinks, type FolderLinkRow } from "../../components/mail/FolderLinks";

const rows: FolderLinkRow[] = [
  ["i", 0, "inbox", "Inbox", 3, 1],
  ["c", 1, "c", "Clients", 1, 1],
  ["a", 2, "a", "Acme", 0, 0],
  ["p", 1, "p", "Projects", 0, 0],
  ["s", 0, "sent", "Sent Items", 0, 0],
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

  it("gives a folder with subfolders a chevron that hides or shows them, named in the reader's language", () => {
    const { unmount } = render(
      <NextIntlClientProvider locale="en" messages={messagesFor("en")}>
        <FolderLinks rows={rows} address="support@example.org" currentId="" at={0} />
      </NextIntlClientProvider>,
    );
    const collapse = screen.getByRole("button", { name: "Collapse Inbox" });
    expect(collapse).toHaveAttribute("aria-expanded", "true");
    expect(collapse).toHaveAttribute("value", "folder:i:1");
    expect(collapse).toHaveAttribute("form", "pane-collapse");
    expect(screen.getByRole("button", { name: "Collapse Clients" })).toBeInTheDocument();
    // A folder without subfolders has none.
    expect(screen.getAllByRole("button")).toHaveLength(2);
    unmount();
    render(
      <NextIntlClientProvider locale="fr" messages={messagesFor("fr")}>
        <FolderLinks
          rows={[
            ["i", 0, "inbox", "Boîte de réception", 3, 2],
            ["s", 0, "sent", "Éléments envoyés", 0, 0],
          ]}
          address="support@example.org"
          currentId=""
          at={0}
        />
      </NextIntlClientProvider>,
    );
    const expand = screen.getByRole("button", { name: "Développer Boîte de réception" });
    expect(expand).toHaveAttribute("aria-expanded", "false");
    expect(expand).toHaveAttribute("value", "folder:i:0");
  });
});
