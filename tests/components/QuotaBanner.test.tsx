import { render, screen } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { QuotaBanner, type QuotaBannerStatus } from "../../components/mail/QuotaBanner";
import { messagesFor } from "../../messages";

const MB = 1024 * 1024;
const status = (usedBytes: number, level: QuotaBannerStatus["level"]): QuotaBannerStatus => ({
  address: "support@example.org",
  usedBytes,
  quotaBytes: 100 * MB,
  percent: Math.floor((usedBytes * 100) / (100 * MB)),
  level,
});

function show(s: QuotaBannerStatus, locale: "en" | "fr" = "en") {
  return render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)}>
      <QuotaBanner status={s} />
    </NextIntlClientProvider>,
  );
}

describe("QuotaBanner", () => {
  it("shows nothing under the warning threshold", () => {
    const { container } = show(status(89 * MB, "ok"));
    expect(container).toBeEmptyDOMElement();
  });

  it("warns at 90 %, says sending is blocked at 95 %, and that mail is refused when full", () => {
    show(status(91 * MB, "warn"));
    expect(screen.getByRole("status")).toHaveTextContent("support@example.org is 91 % full (91 MB of 100 MB)");
    show(status(96 * MB, "sendBlocked"));
    expect(screen.getAllByRole("status")[1]).toHaveTextContent("sending is blocked");
    show(status(100 * MB, "full"));
    expect(screen.getAllByRole("status")[2]).toHaveTextContent("new mail is refused");
  });

  it("speaks French", () => {
    show(status(92 * MB, "warn"), "fr");
    expect(screen.getByRole("status")).toHaveTextContent("support@example.org est pleine à 92 %");
  });
});
