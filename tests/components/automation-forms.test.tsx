import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { messagesFor } from "../../messages";
import { AutoReplyForm } from "../../components/mail/settings/AutoReplyForm";
import { RuleForm } from "../../components/mail/settings/RuleForm";
import { RuleList } from "../../components/mail/settings/RuleList";

const wrap = (ui: ReactNode, locale: "en" | "fr" = "en") =>
  render(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)} timeZone="Europe/Paris">
      {ui}
    </NextIntlClientProvider>,
  );

const initial = {
  enabled: false,
  startsAt: "",
  endsAt: "",
  timeZone: "Europe/Paris",
  internalText: "",
  externalText: "",
};

describe("AutoReplyForm", () => {
  it("names every control in English and sends what was typed", async () => {
    const action = vi.fn().mockResolvedValue({ ok: true, message: "saved" });
    wrap(<AutoReplyForm mailbox="support@example.org" initial={initial} action={action} />);
    await userEvent.click(screen.getByRole("checkbox", { name: "Send automatic replies" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Reply to people outside my organisation" }), "Away");
    expect(screen.getByLabelText("Start")).toHaveAttribute("type", "datetime-local");
    expect(screen.getByLabelText("End")).toHaveAttribute("type", "datetime-local");
    await userEvent.click(screen.getByRole("button", { name: "Save automatic replies" }));
    await waitFor(() => expect(action).toHaveBeenCalled());
    const data = action.mock.calls[0]![1] as FormData;
    expect(Object.fromEntries(data)).toMatchObject({
      mailbox: "support@example.org",
      enabled: "on",
      externalText: "Away",
      timeZone: "Europe/Paris",
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Automatic replies saved.");
  });

  it("in French, ties a field error to its field and keeps what was typed", async () => {
    const action = vi.fn().mockResolvedValue({
      ok: false,
      message: "periodOrder",
      fieldErrors: { endsAt: ["periodOrder"] },
      values: { enabled: "on", startsAt: "2026-12-24T18:00", endsAt: "2026-12-20T09:00", externalText: "Absent" },
    });
    wrap(<AutoReplyForm mailbox="support@example.org" initial={initial} action={action} />, "fr");
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer les réponses automatiques" }));
    const end = await screen.findByLabelText("Fin");
    await waitFor(() => expect(end).toHaveAccessibleDescription("La fin doit être après le début."));
    expect(end).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("textbox", { name: "Réponse aux personnes extérieures à mon organisation" })).toHaveValue(
      "Absent",
    );
    expect(screen.getByRole("checkbox", { name: "Envoyer des réponses automatiques" })).toBeChecked();
  });
});

describe("RuleForm", () => {
  const folders = [{ id: "8d3c1f0e-0000-4000-8000-000000000001", name: "Invoices" }];

  it("names conditions and actions in English; forwarding only with Send As", async () => {
    const action = vi.fn().mockResolvedValue({ ok: true, message: "added" });
    const { unmount } = wrap(<RuleForm mailbox="me@example.org" folders={folders} mayForward action={action} />);
    await userEvent.type(screen.getByRole("textbox", { name: "Rule name" }), "Bills");
    await userEvent.type(screen.getByRole("textbox", { name: "Subject contains" }), "invoice");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Move to folder" }), "Invoices");
    await userEvent.click(screen.getByRole("checkbox", { name: "Mark as read" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Stop processing more rules" }));
    expect(screen.getByRole("textbox", { name: "Forward to" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Add rule" }));
    await waitFor(() => expect(action).toHaveBeenCalled());
    expect(Object.fromEntries(action.mock.calls[0]![1] as FormData)).toMatchObject({
      name: "Bills",
      subjectContains: "invoice",
      moveToFolderId: folders[0]!.id,
      markRead: "on",
      stopProcessing: "on",
    });
    unmount();
    wrap(<RuleForm mailbox="me@example.org" folders={folders} mayForward={false} action={action} />);
    expect(screen.queryByRole("textbox", { name: "Forward to" })).toBeNull();
    expect(screen.getByText("Forwarding needs Send As on this mailbox.")).toBeInTheDocument();
  });

  it("in French, shows the condition error next to its field", async () => {
    const action = vi.fn().mockResolvedValue({
      ok: false,
      message: "ruleNeedsCondition",
      fieldErrors: { fromContains: ["ruleNeedsCondition"] },
      values: { name: "Règle" },
    });
    wrap(<RuleForm mailbox="me@example.org" folders={folders} mayForward action={action} />, "fr");
    await userEvent.click(screen.getByRole("button", { name: "Ajouter la règle" }));
    const from = await screen.findByRole("textbox", { name: "L’expéditeur contient" });
    await waitFor(() => expect(from).toHaveAccessibleDescription("Indiquez au moins une condition."));
    expect(screen.getByRole("textbox", { name: "Nom de la règle" })).toHaveValue("Règle");
  });
});

describe("RuleList", () => {
  const rules = [
    {
      id: "r1",
      name: "Bills",
      fromContains: null,
      toContains: null,
      subjectContains: "invoice",
      moveToFolderName: "Invoices",
      markRead: true,
      flag: false,
      forwardTo: null,
      stopProcessing: true,
    },
    {
      id: "r2",
      name: "Boss",
      fromContains: "boss@",
      toContains: null,
      subjectContains: null,
      moveToFolderName: null,
      markRead: false,
      flag: true,
      forwardTo: "me@far.test",
      stopProcessing: false,
    },
  ];

  it("says each rule in words, in order, with move and delete buttons by name (both languages)", () => {
    const { unmount } = wrap(<RuleList mailbox="me@example.org" rules={rules} action={vi.fn()} />);
    const list = screen.getByRole("list", { name: "Rules, in the order they run" });
    expect(list).toHaveTextContent(
      "When Subject contains “invoice” Then move to Invoices, mark as read, stop processing more rules",
    );
    expect(list).toHaveTextContent("When From contains “boss@” Then flag, forward to me@far.test");
    expect(screen.getByRole("button", { name: "Move “Bills” up" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Move “Boss” down" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Delete “Boss”" })).toBeEnabled();
    unmount();
    wrap(<RuleList mailbox="me@example.org" rules={rules} action={vi.fn()} />, "fr");
    expect(screen.getByRole("button", { name: "Descendre « Bills »" })).toBeEnabled();
    expect(screen.getByRole("list", { name: "Règles, dans l’ordre où elles s’appliquent" })).toHaveTextContent(
      "Quand L’objet contient « invoice » Alors déplacer vers Invoices",
    );
  });
});
