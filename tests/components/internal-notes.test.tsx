import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { InternalNotes, type ShownNote } from "../../components/mail/reading/InternalNotes";
import { messagesFor } from "../../messages";

const MESSAGE = "20000000-0000-4000-8000-000000000001";
const notes: ShownNote[] = [
  {
    id: "30000000-0000-4000-8000-000000000001",
    messageId: MESSAGE,
    authorName: "Claire",
    own: true,
    body: "Refund approved",
    createdAt: "2026-11-30T09:15:00.000Z",
  },
  {
    id: "30000000-0000-4000-8000-000000000002",
    messageId: "20000000-0000-4000-8000-000000000002",
    authorName: "Marc",
    own: false,
    body: "Customer called again",
    createdAt: "2026-11-30T10:00:00.000Z",
  },
];

function setup(locale: "en" | "fr", add = vi.fn(), remove = vi.fn()) {
  render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Paris">
      <InternalNotes
        mailbox="support@example.org"
        messageId={MESSAGE}
        notes={notes}
        locale={locale}
        actions={{ add, remove }}
      />
    </NextIntlClientProvider>,
  );
  return { add, remove };
}

describe("InternalNotes", () => {
  it("lists the conversation's notes, lets the author delete theirs, and adds one (English)", async () => {
    const { add } = setup("en", vi.fn().mockResolvedValue({ ok: true }));
    expect(screen.getByRole("heading", { name: "Internal notes" })).toBeInTheDocument();
    expect(screen.getByText("Refund approved")).toBeInTheDocument();
    expect(screen.getByText(/on another message of the conversation/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Delete this note by Claire" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete this note by Marc" })).toBeNull();
    const box = screen.getByRole("textbox", { name: "New note" });
    await userEvent.type(box, "@marc please call back");
    await userEvent.click(screen.getByRole("button", { name: "Add note" }));
    await waitFor(() => expect(add).toHaveBeenCalled());
    expect(Object.fromEntries(add.mock.calls[0]![1] as FormData)).toEqual({
      mailbox: "support@example.org",
      messageId: MESSAGE,
      body: "@marc please call back",
    });
    expect(await screen.findByText("Note added.")).toBeInTheDocument();
    await waitFor(() => expect(box).toHaveValue(""));
  });

  it("in French, a refused note keeps what was typed and says why by the field", async () => {
    const add = vi.fn().mockResolvedValue({ ok: false, message: "invalid", fieldErrors: { body: ["noteTooLong"] } });
    setup("fr", add);
    expect(screen.getByRole("heading", { name: "Notes internes" })).toBeInTheDocument();
    const box = screen.getByRole("textbox", { name: "Nouvelle note" });
    await userEvent.type(box, "Trop long");
    await userEvent.click(screen.getByRole("button", { name: "Ajouter la note" }));
    expect(await screen.findByText("Une note contient au plus 4 000 caractères.")).toBeInTheDocument();
    expect(box).toHaveValue("Trop long");
    expect(box).toHaveAttribute("aria-invalid", "true");
  });
});
