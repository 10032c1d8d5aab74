import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { ConversationTriage, type ShownTriage } from "../../components/mail/reading/ConversationTriage";
import { messagesFor } from "../../messages";

const MESSAGE = "20000000-0000-4000-8000-000000000001";
const CLAIRE = { id: "10000000-0000-4000-8000-000000000001", name: "Claire" };
const MARC = { id: "10000000-0000-4000-8000-000000000002", name: "Marc" };

function setup(locale: "en" | "fr", triage: Partial<ShownTriage>, action = vi.fn()) {
  render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Paris">
      <ConversationTriage
        mailbox="support@example.org"
        messageId={MESSAGE}
        triage={{ assignee: null, done: false, delegates: [CLAIRE, MARC], self: CLAIRE.id, ...triage }}
        action={action}
      />
    </NextIntlClientProvider>,
  );
  return action;
}

describe("ConversationTriage", () => {
  it("assigns to a delegate, says what changed, and answers a refusal in words (English)", async () => {
    const action = setup(
      "en",
      {},
      vi
        .fn()
        .mockResolvedValueOnce({ ok: true, values: { done: "false", assignee: "Marc" } })
        .mockResolvedValueOnce({ ok: false, message: "notADelegate", fieldErrors: { assigneeId: ["notADelegate"] } }),
    );
    expect(screen.getByRole("heading", { name: "Conversation" })).toBeInTheDocument();
    expect(screen.getByTestId("triage-state")).toHaveTextContent("Open · not assigned");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Assign to" }), "Marc");
    await userEvent.click(screen.getByRole("button", { name: "Assign" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(1));
    expect(Object.fromEntries(action.mock.calls[0]![1] as FormData)).toEqual({
      mailbox: "support@example.org",
      messageId: MESSAGE,
      assigneeId: MARC.id,
      intent: "assign",
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Open · assigned to Marc.");
    await userEvent.click(screen.getByRole("button", { name: "I’ll handle it" }));
    expect(await screen.findByText("Choose someone with Full Access to this mailbox.")).toBeInTheDocument();
  });

  it("offers to reopen a done conversation, not to take one already the reader's (French)", async () => {
    const action = setup(
      "fr",
      { assignee: CLAIRE, done: true },
      vi.fn().mockResolvedValue({ ok: true, values: { done: "false", assignee: "Claire" } }),
    );
    expect(screen.getByTestId("triage-state")).toHaveTextContent("Traitée · attribuée à Claire");
    expect(screen.queryByRole("button", { name: "Je m’en occupe" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Rouvrir" }));
    await waitFor(() => expect(action).toHaveBeenCalled());
    expect((action.mock.calls[0]![1] as FormData).get("intent")).toBe("reopen");
  });
});
