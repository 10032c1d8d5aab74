import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { messagesFor } from "../../messages";
import { LoginForm } from "../../components/auth/LoginForm";

describe("LoginForm", () => {
  it.each(["en", "fr"] as const)(
    "keeps the address after a failed sign-in and sends the page asked for (%s)",
    async (locale) => {
      const action = vi.fn().mockResolvedValue({
        ok: false,
        message: "invalidCredentials",
        values: { address: "guide@example.org" },
      });
      render(
        <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Paris">
          <LoginForm action={action} callbackUrl="/mail/support%40example.org/inbox" />
        </NextIntlClientProvider>,
      );
      const t = messagesFor(locale).auth;
      await userEvent.type(screen.getByLabelText(t.address), "guide@example.org");
      await userEvent.type(screen.getByLabelText(t.password), "wrong");
      await userEvent.click(screen.getByRole("button", { name: t.submit }));
      await waitFor(() => expect(screen.getByTestId("login-error")).toHaveTextContent(t.invalidCredentials));
      expect(screen.getByLabelText(t.address)).toHaveValue("guide@example.org");
      expect(screen.getByLabelText(t.password)).toHaveValue("");
      expect(Object.fromEntries(action.mock.calls[0]![1] as FormData)).toMatchObject({
        callbackUrl: "/mail/support%40example.org/inbox",
      });
    },
  );
});
