import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { ComposeForm, type FromChoice } from "../../components/compose/ComposeForm";
import type { Suggestion } from "../../components/compose/RecipientField";
import { SentNotice } from "../../components/compose/SentNotice";
import type { ActionState } from "../../lib/forms/action-state";
import { MAX_ATTACHMENT_BYTES } from "../../lib/compose/limits";
import type { ComposeInitial } from "../../lib/compose/prefill";
import { messagesFor } from "../../messages";

vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const choices: FromChoice[] = [
  { value: "as:guide@example.org", label: "Guide Dupont <guide@example.org>" },
  { value: "as:support@example.org", label: "Support Example <support@example.org> (Send As)" },
  { value: "onBehalf:support@example.org", label: "Guide Dupont on behalf of Support Example <support@example.org>" },
];

const blank: ComposeInitial & { from: string } = {
  mode: "new",
  from: "as:guide@example.org",
  to: "",
  cc: "",
  bcc: "",
  subject: "",
  body: "",
  attachments: [],
};

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

function setup(
  options: {
    action?: Action;
    initial?: Partial<ComposeInitial & { from: string }>;
    suggest?: (q: string) => Promise<Suggestion[]>;
  } = {},
) {
  const calls: FormData[] = [];
  const action: Action = options.action ?? (async () => ({ ok: false, message: "invalid" }));
  const spy = vi.fn(async (s: ActionState, data: FormData) => {
    calls.push(data);
    return action(s, data);
  });
  const suggest = vi.fn(async (q: string) => (options.suggest ? options.suggest(q) : []));
  render(
    <NextIntlClientProvider locale="en" messages={messagesFor("en")} timeZone="Europe/Paris">
      <ComposeForm
        action={spy}
        initial={{ ...blank, ...options.initial }}
        fromChoices={choices}
        context="support@example.org"
        backHref="/mail/support%40example.org/inbox"
        suggest={suggest}
      />
    </NextIntlClientProvider>,
  );
  return { spy, calls, suggest, user: userEvent.setup() };
}

// The rich editor (ProseMirror) mounts in every render: slower than a textarea in jsdom on a busy machine.
describe("ComposeForm", { timeout: 20_000 }, () => {
  it("labels every field and starts from the reply it was given", async () => {
    setup({
      initial: {
        mode: "reply",
        from: "onBehalf:support@example.org",
        to: "Camille <configuration@example.org>",
        subject: "Re: Printer",
        body: "\n\n> Broken again",
        replyOf: "6f1c1c55-3b0f-4c53-9a43-0d8cf0e3f4a1",
      },
    });
    expect(screen.getByLabelText("From")).toHaveValue("onBehalf:support@example.org");
    expect(screen.getByRole("option", { name: /on behalf of Support Example/ })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "To" })).toHaveValue("Camille <configuration@example.org>");
    expect(screen.getByRole("combobox", { name: "Cc" })).toHaveValue("");
    expect(screen.getByRole("combobox", { name: "Bcc" })).toHaveValue("");
    expect(screen.getByLabelText("Subject")).toHaveValue("Re: Printer");
    // the rich editor replaces the textarea once the page runs; the form carries its text and HTML
    const editor = screen.getByRole("textbox", { name: "Message" });
    expect(editor).toHaveAttribute("contenteditable", "true");
    expect(editor).toHaveTextContent("> Broken again");
    expect(document.querySelector('input[name="body"]')).toHaveValue("\n\n> Broken again");
    await waitFor(() =>
      expect(document.querySelector('input[name="html"]')).toHaveValue("<p></p><p>&gt; Broken again</p>"),
    );
    expect(screen.getByLabelText("Add files")).toHaveAttribute("type", "file");
    expect(document.querySelector('input[name="replyOf"]')).toHaveValue("6f1c1c55-3b0f-4c53-9a43-0d8cf0e3f4a1");
    expect(document.querySelector('input[name="context"]')).toHaveValue("support@example.org");
    expect(screen.getByRole("button", { name: "Send" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Save draft" })).toBeEnabled();
  });

  it("shows each field error next to its field, named by aria-describedby, and keeps what was typed", async () => {
    const { user } = setup({
      action: async () => ({
        ok: false,
        message: "sendLimitReached",
        fieldErrors: { to: ["sendLimitReached"], subject: ["controlCharacters"] },
        values: { address: "configuration@example.org", limit: 2, left: 0 },
      }),
    });
    await user.type(screen.getByRole("combobox", { name: "To" }), "someone@gmail.example");
    await user.type(screen.getByRole("combobox", { name: "Cc" }), "other@gmail.example");
    await user.type(screen.getByLabelText("Subject"), "Hello");
    await user.click(screen.getByRole("button", { name: "Send" }));

    const to = screen.getByRole("combobox", { name: "To" });
    await waitFor(() => expect(to).toHaveAttribute("aria-invalid", "true"));
    expect(to).toHaveAccessibleDescription(
      expect.stringContaining("Hourly limit reached: at most 2 outside recipients per hour (0 left)"),
    );
    expect(screen.getByLabelText("Subject")).toHaveAccessibleDescription(expect.stringContaining("Line breaks"));
    expect(screen.getByTestId("compose-error")).toHaveTextContent(
      "configuration@example.org may send to at most 2 outside recipients per hour",
    );
    expect(screen.getByRole("combobox", { name: "Cc" })).toHaveValue("other@gmail.example");
    expect(screen.getByRole("combobox", { name: "To" })).toHaveValue("someone@gmail.example");
    expect(screen.getByLabelText("Subject")).toHaveValue("Hello");
  });

  it("suggests addresses from the address book and picks one with the keyboard", async () => {
    const { user, suggest } = setup({
      suggest: async (q) =>
        q.toLowerCase().startsWith("cam")
          ? [{ address: "configuration@example.org", name: "Camille Configuration", kind: "standard" }]
          : [],
    });
    const to = screen.getByRole("combobox", { name: "To" });
    await user.type(to, "cam");
    const option = await screen.findByRole("option", { name: /Camille Configuration/ });
    expect(to).toHaveAttribute("aria-expanded", "true");
    expect(to).toHaveAttribute("aria-activedescendant", option.id);
    expect(suggest).toHaveBeenCalledWith("cam", expect.anything());
    await user.keyboard("{Enter}");
    expect(to).toHaveValue("Camille Configuration <configuration@example.org>, ");
    expect(to).toHaveAttribute("aria-expanded", "false");
  });

  it("sends with Ctrl+Enter, showing the pending state until the server answers", async () => {
    let finish: (state: ActionState) => void = () => {};
    const { user, calls } = setup({ action: () => new Promise((resolve) => (finish = resolve)) });
    await user.type(screen.getByRole("combobox", { name: "To" }), "configuration@example.org");
    await user.type(screen.getByLabelText("Subject"), "Quick one");
    await user.click(screen.getByRole("textbox", { name: "Message" }));
    await user.keyboard("{Control>}{Enter}{/Control}");
    const sending = await screen.findByRole("button", { name: "Sending…" });
    expect(sending).toBeDisabled();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.get("intent")).toBe("send");
    expect(calls[0]!.get("to")).toBe("configuration@example.org");
    expect(calls[0]!.get("from")).toBe("as:guide@example.org");
    await act(async () => finish({ ok: false, message: "unexpected" }));
    expect(await screen.findByRole("button", { name: "Send" })).toBeEnabled();
    expect(screen.getByTestId("compose-error")).toHaveTextContent("Something went wrong");
  });

  it("confirms a sent message: who got it, who did not, where the copies are", () => {
    render(
      <NextIntlClientProvider locale="en" messages={messagesFor("en")}>
        <SentNotice
          sent={{
            subject: "Planning",
            delivered: ["configuration@example.org"],
            queued: [],
            failed: [{ address: "nobody@example.org", status: "5.1.1" }],
            sentCopies: ["guide@example.org", "support@example.org"],
          }}
          backHref="/mail/guide%40example.org/inbox"
          newHref="/mail/compose"
        />
      </NextIntlClientProvider>,
    );
    const notice = screen.getByTestId("sent-notice");
    expect(screen.getByRole("heading", { name: "Message sent" })).toHaveFocus();
    expect(notice).toHaveTextContent("Delivered to 1 recipient.");
    expect(notice).toHaveTextContent("Not delivered to nobody@example.org: a non-delivery report is in your Inbox.");
    expect(notice).toHaveTextContent("Sent Items of guide@example.org, support@example.org");
  });

  it("does not send when Enter is pressed in a one-line field", async () => {
    const { user, calls } = setup();
    await user.type(screen.getByLabelText("Subject"), "Half typed{Enter}");
    expect(calls).toHaveLength(0);
  });

  it("saves a draft with the draft button", async () => {
    const { user, calls } = setup();
    await user.type(screen.getByLabelText("Subject"), "Later");
    await user.click(screen.getByRole("button", { name: "Save draft" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.get("intent")).toBe("draft");
    expect(calls[0]!.get("subject")).toBe("Later");
  });

  it("refuses attachments over the limit before uploading them, with a clear message", async () => {
    const { user, calls } = setup();
    const big = new File(["x"], "video.mp4", { type: "video/mp4" });
    Object.defineProperty(big, "size", { value: MAX_ATTACHMENT_BYTES + 1 });
    await user.upload(screen.getByLabelText("Add files"), big);
    await user.type(screen.getByRole("combobox", { name: "To" }), "configuration@example.org");
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(calls).toHaveLength(0);
    expect(screen.getByLabelText("Add files")).toHaveAccessibleDescription(expect.stringContaining("limited to 20 MB"));
    expect(screen.getByTestId("compose-error")).toHaveTextContent("limited to 20 MB");
  });

  it("lists the forwarded message's attachments, kept unless unticked", async () => {
    const { user, calls } = setup({
      initial: {
        mode: "forward",
        attachFrom: "6f1c1c55-3b0f-4c53-9a43-0d8cf0e3f4a1",
        attachments: [
          { index: 0, filename: "devis.pdf", contentType: "application/pdf", size: 2048 },
          { index: 1, filename: "notes.csv", contentType: "text/csv", size: 100 },
        ],
      },
    });
    const pdf = screen.getByRole("checkbox", { name: /Keep devis\.pdf/ });
    expect(pdf).toBeChecked();
    await user.click(pdf);
    await user.type(screen.getByRole("combobox", { name: "To" }), "configuration@example.org");
    await user.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.getAll("keep[]")).toEqual(["1"]);
    expect(calls[0]!.get("attachFrom")).toBe("6f1c1c55-3b0f-4c53-9a43-0d8cf0e3f4a1");
  });
});
