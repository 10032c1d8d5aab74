import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { ComposeForm } from "../../components/compose/ComposeForm";
import { SignatureForm } from "../../components/compose/SignatureForm";
import type { ActionState } from "../../lib/forms/action-state";
import { messagesFor } from "../../messages";

vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

type Locale = "en" | "fr";
const wrap = (locale: Locale, ui: React.ReactNode) =>
  render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Paris">
      {ui}
    </NextIntlClientProvider>,
  );

function compose(locale: Locale, html = "<p>hello</p>") {
  const calls: FormData[] = [];
  wrap(
    locale,
    <ComposeForm
      action={async (_s: ActionState, data: FormData) => (calls.push(data), { ok: false, message: "invalid" })}
      initial={{
        mode: "new",
        from: "as:guide@example.org",
        to: "",
        cc: "",
        bcc: "",
        subject: "",
        body: "",
        html,
        attachments: [],
      }}
      fromChoices={[
        { value: "as:guide@example.org", label: "Guide <guide@example.org>" },
        { value: "as:support@example.org", label: "Support <support@example.org> (Send As)" },
        { value: "as:sales@example.org", label: "Sales <sales@example.org> (Send As)" },
      ]}
      signatures={{ "as:guide@example.org": "Guide Dupont", "as:support@example.org": "The Support Team" }}
      backHref="/mail"
    />,
  );
  return { calls, user: userEvent.setup() };
}

const CONTROLS = {
  en: ["Bold", "Italic", "Underline", "Heading", "Bulleted list", "Numbered list", "Quote", "Link"],
  fr: ["Gras", "Italique", "Souligné", "Titre", "Liste à puces", "Liste numérotée", "Citation", "Lien"],
};

describe("the rich editor", { timeout: 20_000 }, () => {
  it.each(["en", "fr"] as const)("has a named formatting toolbar and a named message box (%s)", async (locale) => {
    compose(locale);
    const toolbar = await screen.findByRole("toolbar", { name: locale === "en" ? "Formatting" : "Mise en forme" });
    for (const name of CONTROLS[locale]) {
      expect(screen.getByRole("button", { name })).toHaveAttribute("aria-pressed", "false");
      expect(toolbar).toContainElement(screen.getByRole("button", { name }));
    }
    expect(screen.getByRole("textbox", { name: locale === "en" ? "Message" : "Message" })).toHaveTextContent("hello");
  });

  it("makes the selection bold, and the HTML the form sends says so", async () => {
    const { user } = compose("en");
    const editor = await screen.findByRole("textbox", { name: "Message" });
    await user.click(editor);
    await user.keyboard("{Control>}a{/Control}");
    await user.click(screen.getByRole("button", { name: "Bold" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Bold" })).toHaveAttribute("aria-pressed", "true"));
    expect(document.querySelector<HTMLInputElement>('input[name="html"]')?.value).toEqual(
      "<p><strong>hello</strong></p>",
    );
    expect(editor.querySelector("strong")).toHaveTextContent("hello");
    await user.click(screen.getByRole("button", { name: "Bulleted list" }));
    await waitFor(() =>
      expect(document.querySelector<HTMLInputElement>('input[name="html"]')?.value).toEqual(
        expect.stringContaining("<ul><li><p><strong>hello</strong></p></li></ul>"),
      ),
    );
  });

  it("adds a link to the selection with the address asked for", async () => {
    const { user } = compose("en");
    const editor = await screen.findByRole("textbox", { name: "Message" });
    await user.click(editor);
    await user.keyboard("{Control>}a{/Control}");
    const prompt = vi.spyOn(window, "prompt").mockReturnValue("example.org/plan");
    await user.click(screen.getByRole("button", { name: "Link" }));
    expect(prompt).toHaveBeenCalledWith("Address of the link (https://… or an e-mail address)");
    await waitFor(() =>
      expect(document.querySelector<HTMLInputElement>('input[name="html"]')?.value).toEqual(
        expect.stringContaining('href="https://example.org/plan"'),
      ),
    );
    prompt.mockRestore();
  });
});

describe("the signature in compose", { timeout: 20_000 }, () => {
  it.each([
    ["en", "From", "Add the signature", "The sending mailbox has no signature."],
    ["fr", "De", "Ajouter la signature", "La boîte d’envoi n’a pas de signature."],
  ] as const)("switches with From (%s)", async (locale, fromLabel, include, none) => {
    const { user } = compose(locale);
    expect(screen.getByRole("checkbox", { name: include })).toBeChecked();
    expect(screen.getByTestId("signature-preview")).toHaveTextContent("Guide Dupont");
    await user.selectOptions(screen.getByLabelText(fromLabel), "as:support@example.org");
    expect(screen.getByTestId("signature-preview")).toHaveTextContent("The Support Team");
    expect(screen.getByTestId("signature-preview")).not.toHaveTextContent("Guide Dupont");
    await user.selectOptions(screen.getByLabelText(fromLabel), "as:sales@example.org");
    expect(screen.getByTestId("signature-preview")).toHaveTextContent(none);
  });
});

describe("the signature form", () => {
  it.each([
    ["en", "Signature of Help Desk <desk@example.org>", "Save", "Signature of Help Desk <desk@example.org> saved."],
    [
      "fr",
      "Signature de Help Desk <desk@example.org>",
      "Enregistrer",
      "Signature de Help Desk <desk@example.org> enregistrée.",
    ],
  ] as const)("saves by role and name, and says so (%s)", async (locale, label, save, saved) => {
    const calls: FormData[] = [];
    wrap(
      locale,
      <SignatureForm
        action={async (_s: ActionState, data: FormData) => (calls.push(data), { ok: true })}
        mailbox="desk@example.org"
        mailboxLabel="Help Desk <desk@example.org>"
        own={false}
        defaultValue="Old"
        max={2000}
      />,
    );
    const user = userEvent.setup();
    const box = screen.getByRole("textbox", { name: label });
    expect(box).toHaveValue("Old");
    await user.clear(box);
    await user.type(box, "The Help Desk");
    await user.click(screen.getByRole("button", { name: save }));
    expect(await screen.findByRole("status")).toHaveTextContent(saved);
    expect(calls[0]!.get("mailbox")).toBe("desk@example.org");
    expect(calls[0]!.get("text")).toBe("The Help Desk");
  });

  it("shows a field error next to the text, in French too", async () => {
    wrap(
      "fr",
      <SignatureForm
        action={async () => ({ ok: false, message: "invalid", fieldErrors: { text: ["tooLong"] } })}
        mailbox="me@example.org"
        mailboxLabel="me@example.org"
        own
        defaultValue=""
        max={2000}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    const box = screen.getByRole("textbox", { name: "Signature de me@example.org" });
    await waitFor(() => expect(box).toHaveAttribute("aria-invalid", "true"));
    expect(box).toHaveAccessibleDescription(expect.stringContaining("trop long"));
  });
});
