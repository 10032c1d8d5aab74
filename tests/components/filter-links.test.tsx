import { render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { FilterLinks } from "../../components/mail/FilterLinks";
import { LIST_FILTERS } from "../../lib/messages/list-filter-names";
import { messagesFor } from "../../messages";

vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

function setup(locale: "en" | "fr", current?: (typeof LIST_FILTERS)[number]) {
  const words = messagesFor(locale).mail.show as Record<string, string>;
  render(
    <FilterLinks
      here="/mail/me%40example.org/inbox"
      name="show"
      values={LIST_FILTERS}
      current={current}
      keep={{ q: "invoice", triage: "mine" }}
      label={(key) => words[key]!}
      heading={words.filters!}
    />,
  );
}

describe("the list's filters", () => {
  it("link each filter, keeping the search and the other filter, the current one marked (English)", () => {
    setup("en", "unread");
    const nav = screen.getByRole("navigation", { name: "Show" });
    expect(within(nav).getByRole("link", { name: "Unread" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "With attachments" })).toHaveAttribute(
      "href",
      "/mail/me%40example.org/inbox?q=invoice&triage=mine&show=attachments",
    );
    expect(within(nav).getByRole("link", { name: "All" })).toHaveAttribute(
      "href",
      "/mail/me%40example.org/inbox?q=invoice&triage=mine",
    );
  });

  it("speak French", () => {
    setup("fr");
    const nav = screen.getByRole("navigation", { name: "Afficher" });
    expect(within(nav).getByRole("link", { name: "Tous" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Avec indicateur" })).toBeInTheDocument();
  });
});
