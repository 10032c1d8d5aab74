import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { messagesFor } from "../../messages";
import { ReadStateForm } from "../../components/mail/settings/ReadStateForm";

const wrap = (ui: ReactNode, locale: "en" | "fr" = "en") =>
  render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Paris">
      {ui}
    </NextIntlClientProvider>,
  );

describe("ReadStateForm", () => {
  it("shows the mailbox's setting and sends the one chosen", async () => {
    const action = vi.fn().mockResolvedValue({ ok: true, message: "saved" });
    wrap(<ReadStateForm mailbox="support@example.org" perPerson={false} action={action} />);
    expect(screen.getByRole("radio", { name: /^Shared/ })).toBeChecked();
    await userEvent.click(screen.getByRole("radio", { name: /^Per person/ }));
    await userEvent.click(screen.getByRole("button", { name: "Save read state" }));
    await waitFor(() => expect(action).toHaveBeenCalled());
    expect(Object.fromEntries(action.mock.calls[0]![1] as FormData)).toEqual({
      mailbox: "support@example.org",
      perPerson: "1",
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Read state saved.");
  });

  it("in French, says a refusal in words", async () => {
    const action = vi.fn().mockResolvedValue({ ok: false, message: "notFound" });
    wrap(<ReadStateForm mailbox="support@example.org" perPerson action={action} />, "fr");
    expect(screen.getByRole("radio", { name: /^Par personne/ })).toBeChecked();
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer l’état de lecture" }));
    const status = await screen.findByRole("status");
    await waitFor(() => expect(status.textContent).not.toBe(""));
    expect(status.textContent).not.toMatch(/notFound|unexpected/);
  });
});
