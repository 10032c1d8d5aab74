import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ComposeForm } from "../../components/compose/ComposeForm";
import { ReplyingNotice } from "../../components/mail/reading/ReplyingNotice";
import { publishReplying } from "../../components/mail/replying-state";
import type { ActionState } from "../../lib/forms/action-state";
import { messagesFor } from "../../messages";

vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const MAILBOX = "10000000-0000-4000-8000-000000000001";
const THREAD = "20000000-0000-4000-8000-000000000002";
const ORIGINAL = "30000000-0000-4000-8000-000000000003";

function intl(locale: "en" | "fr", ui: React.ReactNode) {
  return (
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Paris">
      {ui}
    </NextIntlClientProvider>
  );
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("ReplyingNotice", () => {
  it("names who is replying, follows the live stream, and lets a lapsed name go (English)", async () => {
    render(
      intl(
        "en",
        <ReplyingNotice mailboxId={MAILBOX} threadId={THREAD} initial={[{ name: "Claire", leftMs: 40_000 }]} />,
      ),
    );
    expect(screen.getByRole("status")).toHaveTextContent("Claire is replying to this conversation…");
    act(() =>
      publishReplying({
        mailboxId: MAILBOX,
        threadId: THREAD,
        people: [
          { name: "Claire", leftMs: 40_000 },
          { name: "Marc", leftMs: 300 },
        ],
      }),
    );
    expect(screen.getByRole("status")).toHaveTextContent("Claire and Marc are replying to this conversation…");
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent(/^Claire is replying/), { timeout: 2000 });
    act(() => publishReplying({ mailboxId: MAILBOX, threadId: "another", people: [{ name: "Léa", leftMs: 40_000 }] }));
    act(() => publishReplying({ mailboxId: MAILBOX, threadId: THREAD, people: [] }));
    expect(screen.getByRole("status")).toBeEmptyDOMElement();
  });

  it("speaks French", () => {
    render(
      intl(
        "fr",
        <ReplyingNotice
          mailboxId={MAILBOX}
          threadId="fr-thread"
          initial={[
            { name: "Léa", leftMs: 40_000 },
            { name: "Marc", leftMs: 40_000 },
          ]}
        />,
      ),
    );
    expect(screen.getByRole("status")).toHaveTextContent("Léa et Marc sont en train de répondre à cette conversation…");
  });
});

describe("a reply form on a shared mailbox's message", { timeout: 20_000 }, () => {
  it("says it is open, warns when someone replied meanwhile, and sends anyway on request", async () => {
    const posts: FormData[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init: RequestInit) => {
        posts.push(init.body as FormData);
        return new Response("{}");
      }),
    );
    const action = vi
      .fn<(s: ActionState, d: FormData) => Promise<ActionState>>()
      .mockResolvedValueOnce({ ok: false, message: "repliedMeanwhile", values: { name: "Marc", minutes: 2 } })
      .mockResolvedValueOnce({ ok: true });
    const { unmount } = render(
      intl(
        "en",
        <ComposeForm
          action={action}
          initial={{
            mode: "reply",
            from: "as:support@example.org",
            to: "customer@example.com",
            cc: "",
            bcc: "",
            subject: "Re: Order 12",
            body: "",
            attachments: [],
            replyOf: ORIGINAL,
          }}
          fromChoices={[{ value: "as:support@example.org", label: "Support <support@example.org>" }]}
          backHref="/mail"
          replying={{ openedAt: "2026-12-01T09:00:00.000Z" }}
        />,
      ),
    );
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(Object.fromEntries(posts[0]!)).toEqual({ messageId: ORIGINAL, active: "on" });

    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(
      await screen.findByText(
        "Marc replied in this conversation 2 minutes ago, after you started this reply. Send yours anyway?",
      ),
    ).toBeInTheDocument();
    expect(Object.fromEntries(action.mock.calls[0]![1])).toMatchObject({ openedAt: "2026-12-01T09:00:00.000Z" });
    expect(action.mock.calls[0]![1].get("sendAnyway")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Send anyway" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(2));
    expect(action.mock.calls[1]![1].get("sendAnyway")).toBe("true");

    unmount();
    expect(Object.fromEntries(posts.at(-1)!)).toEqual({ messageId: ORIGINAL });
  });
});
