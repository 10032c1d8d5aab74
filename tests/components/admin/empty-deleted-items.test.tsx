import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { EmptyDeletedItemsForm } from "../../../components/admin/shared/EmptyDeletedItemsForm";
import { messagesFor } from "../../../messages";

const ID = "10000000-0000-4000-8000-000000000001";

function setup(locale: "en" | "fr", count: number, action = vi.fn()) {
  render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Paris">
      <EmptyDeletedItemsForm id={ID} count={count} action={action} />
    </NextIntlClientProvider>,
  );
  return action;
}

describe("EmptyDeletedItemsForm", () => {
  it("says how many messages wait, asks for the box to be ticked, then reports what was deleted", async () => {
    const action = vi
      .fn()
      .mockResolvedValueOnce({ ok: false, fieldErrors: { confirm: ["confirmRequired"] } })
      .mockResolvedValueOnce({ ok: true, message: "deletedItemsEmptied", values: { count: 3 } });
    setup("en", 3, action);
    expect(screen.getByText("3 messages in Deleted Items.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Empty Deleted Items" }));
    expect(await screen.findByText("Tick the box to confirm.")).toBeInTheDocument();
    const box = screen.getByRole("checkbox", { name: "I understand these messages will be deleted for good" });
    expect(box).toHaveAttribute("aria-invalid", "true");
    await userEvent.click(box);
    await userEvent.click(screen.getByRole("button", { name: "Empty Deleted Items" }));
    await waitFor(() => expect(action).toHaveBeenCalledTimes(2));
    expect(Object.fromEntries(action.mock.calls[1]![1] as FormData)).toEqual({ id: ID, confirm: "on" });
    expect(await screen.findByText("3 messages deleted for good.")).toBeInTheDocument();
  });

  it("offers nothing to empty when Deleted Items is empty (French)", () => {
    setup("fr", 0);
    expect(screen.getByText("Les Éléments supprimés sont vides.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Vider les Éléments supprimés" })).toBeNull();
  });
});
