import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { ConversationToggle } from "../../components/mail/ConversationToggle";
import { MessageListView } from "../../components/mail/MessageListView";
import { publishOpenConversation } from "../../components/mail/fresh-state";
import type { ActionState } from "../../lib/forms/action-state";
import { messagesFor } from "../../messages";
import { packRow } from "../../components/mail/list-rows";
import { listItem } from "../support/list-item";

vi.mock("next/link", () => ({
  default: ({ href, prefetch: _prefetch, ...rest }: { href: string; prefetch?: boolean } & Record<string, unknown>) => (
    <a href={href} {...rest} />
  ),
}));
vi.mock("next/navigation", () => ({ useParams: () => ({}) }));

const row = listItem;

const intl = (children: React.ReactNode, locale: "en" | "fr" = "en") => (
  <NextIntlClientProvider locale={locale} messages={messagesFor(locale)}>
    {children}
  </NextIntlClientProvider>
);

describe("conversation rows", () => {
  it("say how many messages a conversation holds, and act on conversations", async () => {
    const action = vi.fn(async (_s: ActionState, _f: FormData): Promise<ActionState> => ({
      ok: true,
      message: "done.read",
      values: { count: 3 },
    }));
    render(
      intl(
        <MessageListView
          rows={[row(1, { who: "Claire, Marc", count: 3, seen: false }), row(2)].map(packRow)}
          links={{ mailbox: "/mail/me%40example.org", folder: "inbox", query: "", address: "me@example.org" }}
          at={0}
          moveTargets={[]}
          hidden={{ mailbox: "me@example.org", folder: "inbox", conversations: "1" }}
          deleteForGood={false}
          emptyText="Empty"
          action={action}
        />,
      ),
    );
    const rows = screen.getAllByRole("listitem");
    expect(rows[0]).toHaveTextContent("Claire, Marc");
    // An older message of the first row's conversation opened from the reading pane: that row shows open.
    expect(within(rows[0]!).getByRole("link")).not.toHaveAttribute("aria-current");
    act(() => publishOpenConversation([row(1).id, "00000000-0000-4000-8000-000000000009"]));
    expect(within(rows[0]!).getByRole("link")).toHaveAttribute("aria-current", "true");
    expect(within(rows[1]!).getByRole("link")).not.toHaveAttribute("aria-current");
    act(() => publishOpenConversation([]));
    expect(within(rows[0]!).getByRole("link")).not.toHaveAttribute("aria-current");
    expect(within(rows[0]!).getByText("3 messages")).toBeInTheDocument();
    expect(within(rows[1]!).queryByText(/messages$/)).toBeNull();
    const user = userEvent.setup();
    await user.click(within(rows[0]!).getByRole("checkbox"));
    await user.click(screen.getByRole("button", { name: "Mark as read" }));
    await waitFor(() => expect(action).toHaveBeenCalled());
    const sent = action.mock.calls[0]![1];
    expect(sent.get("conversations")).toBe("1");
    expect(sent.getAll("ids[]")).toEqual([row(1).id]);
  });

  it("switch on and off by the person's own setting, in French too", async () => {
    const action = vi.fn(async (_s: ActionState, _f: FormData): Promise<ActionState> => ({
      ok: true,
      message: "done.conversationsOn",
    }));
    const { unmount } = render(intl(<ConversationToggle on={false} action={action} />));
    await userEvent.setup().click(screen.getByRole("button", { name: "Show as conversations" }));
    await waitFor(() => expect(action).toHaveBeenCalled());
    expect(action.mock.calls[0]![1].get("on")).toBe("1");
    expect(await screen.findByText("Your lists now show conversations.")).toBeInTheDocument();
    unmount();
    render(intl(<ConversationToggle on action={action} />, "fr"));
    expect(screen.getByRole("button", { name: "Afficher message par message" })).toBeInTheDocument();
  });
});
