import { render } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement } from "react";
import { messagesFor } from "../../../messages";

/** Renders a client component inside the English messages, as the app's layout provides them. */
export function renderEn(ui: ReactElement) {
  return render(
    <NextIntlClientProvider locale="en" messages={messagesFor("en")} timeZone="Europe/Paris">
      {ui}
    </NextIntlClientProvider>,
  );
}

/** A pending promise the test resolves when it wants, to see the pending state. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
