import { render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../messages";
import { InboxUnread } from "../../components/mail/shared/InboxUnread";
import type { FolderSummary } from "../../lib/mailboxes/folders";

const folder = (id: string, kind: FolderSummary["kind"], unreadCount: number): FolderSummary => ({
  id,
  parentId: null,
  kind,
  name: "",
  totalCount: unreadCount,
  unreadCount,
});

function renderIn(locale: "en" | "fr", folders: FolderSummary[]) {
  return render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)}>
      <h3>Support</h3>
      <InboxUnread folders={folders} at={0} />
    </NextIntlClientProvider>,
  );
}

describe("a collapsed mailbox's Inbox unread count", () => {
  it("shows the Inbox's count and says whose it is, in both languages", () => {
    const { unmount } = renderIn("en", [folder("a", "archive", 5), folder("i", "inbox", 3)]);
    expect(screen.getByText("3 unread in Inbox")).toBeInTheDocument();
    expect(screen.queryByText(/5/)).toBeNull();
    unmount();
    renderIn("fr", [folder("i", "inbox", 1)]);
    expect(screen.getByText("1 non lu dans la boîte de réception")).toBeInTheDocument();
  });

  it("shows nothing when the Inbox has no unread message", () => {
    renderIn("en", [folder("i", "inbox", 0)]);
    expect(screen.queryByText(/unread/)).toBeNull();
  });
});
