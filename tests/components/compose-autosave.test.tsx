import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ComposeForm } from "../../components/compose/ComposeForm";
import { AUTOSAVE_MS } from "../../components/compose/use-autosave";
import { messagesFor } from "../../messages";

vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const DRAFT = "0b6f6c3e-4c9e-4a55-9d57-7f3f0f6b2a11";
let posted: FormData[];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  posted = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: { body: FormData }) => {
      posted.push(init.body);
      return new Response(JSON.stringify({ ok: true, draftId: DRAFT, attachments: [] }), {
        headers: { "content-type": "application/json" },
      });
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function compose(locale: "en" | "fr" = "en") {
  render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Paris">
      <ComposeForm
        action={async () => ({ ok: false, message: "invalid" })}
        initial={{
          mode: "new",
          from: "as:guide@example.org",
          to: "",
          cc: "",
          bcc: "",
          subject: "",
          body: "",
          attachments: [],
        }}
        fromChoices={[{ value: "as:guide@example.org", label: "Guide <guide@example.org>" }]}
        backHref="/mail/guide%40example.org/inbox"
      />
    </NextIntlClientProvider>,
  );
  return userEvent.setup();
}

describe("compose autosave", { timeout: 30_000 }, () => {
  it(
    "saves a changed message every few seconds, to the same draft once it has an id",
    { timeout: 30_000 },
    async () => {
      const user = compose();
      await act(() => wait(AUTOSAVE_MS + 200));
      expect(posted).toHaveLength(0); // nothing changed: nothing saved

      await user.type(screen.getByLabelText("Subject"), "Plans");
      await waitFor(() => expect(posted).toHaveLength(1), { timeout: AUTOSAVE_MS + 1000 });
      expect(posted[0]!.get("intent")).toBe("draft");
      expect(posted[0]!.get("subject")).toBe("Plans");
      expect(posted[0]!.get("draftId")).toBe("");
      expect(await screen.findByTestId("autosave-status")).toHaveTextContent(/Draft saved at/);
      expect(document.querySelector('input[name="draftId"]')).toHaveValue(DRAFT);
      expect(new URL(window.location.href).searchParams.get("draft")).toBe(DRAFT);

      await act(() => wait(AUTOSAVE_MS + 200));
      expect(posted).toHaveLength(1); // saved, unchanged since: not saved again

      await user.type(screen.getByLabelText("Subject"), " for May");
      await waitFor(() => expect(posted).toHaveLength(2), { timeout: AUTOSAVE_MS + 1000 });
      expect(posted[1]!.get("draftId")).toBe(DRAFT);
      expect(posted[1]!.get("subject")).toBe("Plans for May");
    },
  );

  it.each([
    ["en", "Subject", "Cancel", "This message has changes that are not saved yet."],
    ["fr", "Objet", "Annuler", "Ce message a des modifications non enregistrées."],
  ] as const)(
    "asks before leaving with unsaved changes, and stays when told to (%s)",
    async (locale, subject, cancel, ask) => {
      const user = compose(locale);
      const confirm = vi.spyOn(window, "confirm").mockReturnValue(false);
      const clicked = vi.fn((e: MouseEvent) => e.defaultPrevented);
      document.addEventListener("click", clicked);
      await user.click(screen.getByRole("link", { name: cancel }));
      expect(confirm).not.toHaveBeenCalled(); // nothing written yet: no question

      await user.type(screen.getByLabelText(subject), "x");
      const beforeUnload = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(beforeUnload);
      expect(beforeUnload.defaultPrevented).toBe(true);

      clicked.mockClear();
      await user.click(screen.getByRole("link", { name: cancel }));
      expect(confirm).toHaveBeenCalledWith(expect.stringContaining(ask));
      expect(clicked).not.toHaveBeenCalled(); // the click stopped before the link's own handlers
      document.removeEventListener("click", clicked);
      confirm.mockRestore();
    },
  );
});
